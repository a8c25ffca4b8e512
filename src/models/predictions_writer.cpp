#include "core/version.hpp"
#include "models/predictions_writer.hpp"

#include "core/dates.hpp"
#include "models/model_tables.hpp"

#include <stdexcept>

namespace courtside::models {

WriteSummary write_predictions(store::Connection& con, const PredictionSystem& system, const FeatureRows& rows,
                               const std::vector<double>& predicted, store::DateDays from, store::DateDays to,
                               std::string_view stat, const std::vector<std::string>* basis) {
    if (predicted.size() != rows.size()) throw std::logic_error("one prediction per row is required");
    if (basis && basis->size() != rows.size()) throw std::logic_error("one basis per row is required");
    ensure_model_tables(con);
    WriteSummary s;
    s.dates = static_cast<size_t>(to - from + 1);
    const std::string sys = system.name(), model = system.model(), version = system.feature_version();
    const int64_t now = core::now_micros();

    store::Transaction tx(con);
    auto del = con.prepare("DELETE FROM models.predictions WHERE game_date BETWEEN ? AND ? AND system = ? AND model = ?");
    del.bind_date(1, from).bind_date(2, to).bind(3, sys).bind(4, model).execute();
    {
        store::Appender app(con, "models", "predictions");
        for (size_t i = 0; i < rows.size(); ++i) {
            if (rows.dates[i] < from || rows.dates[i] > to) throw std::logic_error("prediction row outside the range");
            if (!present(predicted[i])) {
                ++s.not_predicted;
                continue;
            }
            app.append_date(rows.dates[i])
                .append(rows.game_ids[i])
                .append(rows.player_ids[i])
                .append(sys)
                .append(model)
                .append(predicted[i])
                .append(version)
                .append(std::string_view(core::code_version()))
                .append_timestamp_us(now)
                .append(stat);
            if (basis && !(*basis)[i].empty()) app.append((*basis)[i]);
            else app.append_null();
            app.end_row();
            ++s.written;
        }
        app.close();
    }
    tx.commit();
    return s;
}

}  // namespace courtside::models
