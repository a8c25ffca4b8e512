#include "app/schema.hpp"

#include "app/registry.hpp"
#include "fetch/fetch_log.hpp"
#include "props/props_tables.hpp"
#include "validate/validator.hpp"

namespace courtside::app {

store::SchemaObjects schema_objects() {
    store::SchemaObjects o;
    for (const auto* t : props::props_tables()) o.tables.push_back(t);
    for (const auto& p : registry().processors()) o.tables.push_back(&p->output());
    o.tables.push_back(&validate::validation_results_spec());
    o.tables.push_back(&validate::validation_metrics_spec());
    o.tables.push_back(&fetch::ops_fetch_log_spec());
    for (const char* v : props::props_views_sql()) o.views.emplace_back(v);
    return o;
}

void migrate(store::Connection& con) { store::migrate(con, schema_objects()); }

}  // namespace courtside::app
