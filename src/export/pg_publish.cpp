#include "export/pg_publish.hpp"

#include "core/version.hpp"
#include "export/comments.hpp"
#include "export/partition_state.hpp"
#include "export/pg_copy.hpp"
#include "export/pg_schema.hpp"
#include "export/store_columns.hpp"

#include <fmt/format.h>
#include <pqxx/pqxx>

#include <map>
#include <set>

namespace courtside::export_ {

size_t PublishSummary::loaded() const {
    size_t n = 0;
    for (const auto& t : tables) n += t.loaded;
    return n;
}
size_t PublishSummary::unchanged() const {
    size_t n = 0;
    for (const auto& t : tables) n += t.unchanged;
    return n;
}
int64_t PublishSummary::rows() const {
    int64_t n = 0;
    for (const auto& t : tables) n += t.rows;
    return n;
}
int64_t PublishSummary::rows_loaded() const {
    int64_t n = 0;
    for (const auto& t : tables) n += t.rows_loaded;
    return n;
}

bool published_by_default(const CatalogTable& t) { return t.layer != Layer::Raw && t.layer != Layer::Props; }

namespace {

// Serializes publishers of one database: two would interleave their partitions' states.
constexpr int64_t kPublishLock = 0x636f757274736964;  // "courtsid"

struct Published {
    std::map<std::string, std::string> partitions;      // partition key -> state
    std::map<core::Date, std::string> dates;            // processor outputs: date -> fingerprint
};

std::string date_list(const std::vector<core::Date>& dates) {
    std::string s;
    for (core::Date d : dates) s += (s.empty() ? "" : ", ") + fmt::format("DATE '{}'", core::format_date(d));
    return s;
}

class TablePublisher {
public:
    TablePublisher(store::Connection& duck, pqxx::connection& pg, const CatalogTable& t, const SeasonSpans& spans,
                   const LedgerFingerprints& ledger)
        : duck_(duck), pg_(pg), t_(t), spans_(spans), ledger_(ledger), sql_(t, spans) {
        for (const auto& c : t.spec->columns) {
            columns_.push_back(c.name);
            select_ += (select_.empty() ? "" : ", ") + fmt::format("CAST(\"{}\" AS VARCHAR)", c.name);
        }
        for (const auto& k : t.spec->primary_key) order_ += (order_.empty() ? "" : ", ") + fmt::format("\"{}\"", k);
    }

    TablePublish run() {
        TablePublish out;
        out.table = t_.qualified();
        const bool next = prepare_target();
        out.created = next;
        target_ = pg_table_name(t_, next);
        target_key_ = t_.qualified() + (next ? kNextSuffix : "");
        const Published published = load_published();
        const auto states = partition_states(duck_, t_, spans_, ledger_, DateRange{});
        std::set<std::string> current;
        for (const auto& s : states) {
            const std::string key = s.key.text();
            current.insert(key);
            auto it = published.partitions.find(key);
            if (it != published.partitions.end() && it->second == s.fingerprint) {
                ++out.unchanged;
                out.rows += published_rows(key);
                continue;
            }
            int64_t rows = load_partition(s, it != published.partitions.end(), published);
            ++out.loaded;
            out.rows_loaded += rows;
            out.rows += published_rows(key);
        }
        for (const auto& [key, state] : published.partitions)
            if (!current.count(key)) {
                remove_partition(key, published);
                ++out.removed;
            }
        if (next) swap_in();
        else refresh_comments();
        return out;
    }

private:
    // The live table when it matches the spec, else its staging twin (created when missing or
    // built from another spec). Returns true for the twin.
    bool prepare_target() {
        const std::string signature = spec_signature(*t_.spec);
        pqxx::work tx(pg_);
        auto recorded = [&](const std::string& name) -> std::optional<std::string> {
            auto r = tx.exec_params("SELECT spec_signature FROM courtside.published_tables WHERE table_name = $1", name);
            return r.empty() ? std::nullopt : std::optional<std::string>(r[0][0].as<std::string>());
        };
        auto exists = [&](bool next) {
            return !tx.exec_params("SELECT to_regclass($1)", pg_table_name(t_, next))[0][0].is_null();
        };
        if (exists(false) && recorded(t_.qualified()) == signature) return false;
        const std::string next_key = t_.qualified() + kNextSuffix;
        if (!(exists(true) && recorded(next_key) == signature)) {
            tx.exec("DROP TABLE IF EXISTS " + pg_table_name(t_, true));
            create_pg_table(tx, t_, true);
            tx.exec_params("DELETE FROM courtside.published_partitions WHERE table_name = $1", next_key);
            tx.exec_params("DELETE FROM courtside.published_dates WHERE table_name = $1", next_key);
            tx.exec_params("INSERT INTO courtside.published_tables VALUES ($1, $2, $3, now()) ON CONFLICT (table_name) DO UPDATE "
                           "SET spec_signature = EXCLUDED.spec_signature, comments_hash = EXCLUDED.comments_hash, updated_at = now()",
                           next_key, signature, comments_hash(t_));
        }
        tx.commit();
        return true;
    }

    Published load_published() {
        Published p;
        pqxx::read_transaction tx(pg_);
        for (const auto& r : tx.exec_params("SELECT partition_key, state, rows FROM courtside.published_partitions WHERE table_name = $1",
                                            target_key_)) {
            p.partitions[r[0].as<std::string>()] = r[1].as<std::string>();
            rows_[r[0].as<std::string>()] = r[2].as<int64_t>();
        }
        if (t_.changes == ChangeSource::Ledger)
            for (const auto& r : tx.exec_params("SELECT partition_date::text, fingerprint FROM courtside.published_dates "
                                                "WHERE table_name = $1",
                                                target_key_))
                p.dates[*core::parse_date(r[0].as<std::string>())] = r[1].as<std::string>();
        return p;
    }

    int64_t published_rows(const std::string& key) const {
        auto it = rows_.find(key);
        return it == rows_.end() ? 0 : it->second;
    }

    // One transaction: the partition's old rows out, the new ones in, its state recorded.
    int64_t load_partition(const PartitionState& s, bool had_partition, const Published& published) {
        const std::string key = s.key.text();
        pqxx::work tx(pg_);
        tx.exec("SET LOCAL synchronous_commit = off");  // the state commits with the rows: a lost commit is simply redone
        int64_t rows = 0;
        std::vector<core::Date> changed, gone;
        const bool by_date = t_.changes == ChangeSource::Ledger && had_partition;
        if (by_date) {
            // Only the dates whose ledger fingerprint moved; dates that left the ledger go too.
            for (const auto& [d, fp] : s.dates) {
                auto it = published.dates.find(d);
                if (it == published.dates.end() || it->second != fp) changed.push_back(d);
            }
            for (const auto& [d, fp] : published.dates)
                if (sql_.key_of(d) == s.key && !s.dates.count(d)) gone.push_back(d);
            std::vector<core::Date> all = changed;
            all.insert(all.end(), gone.begin(), gone.end());
            if (!all.empty()) tx.exec(fmt::format("DELETE FROM {} WHERE {}", target_, sql_.where_dates(all)));
            if (!changed.empty())
                rows = copy_rows(duck_, fmt::format("SELECT {} FROM {} WHERE {} ORDER BY {}", select_, t_.qualified(),
                                                    sql_.where_dates(changed), order_),
                                 tx, target_, columns_);
        } else {
            const std::string where = sql_.where(s.key, DateRange{});
            tx.exec(fmt::format("DELETE FROM {} WHERE {}", target_, where));
            rows = copy_rows(duck_, fmt::format("SELECT {} FROM {} WHERE {} ORDER BY {}", select_, t_.qualified(), where, order_),
                             tx, target_, columns_);
            for (const auto& [d, fp] : s.dates) changed.push_back(d);
            for (const auto& [d, fp] : published.dates)
                if (sql_.key_of(d) == s.key && !s.dates.count(d)) gone.push_back(d);
        }
        if (t_.changes == ChangeSource::Ledger) {
            if (!gone.empty())
                tx.exec_params(fmt::format("DELETE FROM courtside.published_dates WHERE table_name = $1 AND partition_date IN ({})",
                                           date_list(gone)),
                               target_key_);
            for (core::Date d : changed)
                tx.exec_params("INSERT INTO courtside.published_dates VALUES ($1, $2::date, $3) ON CONFLICT (table_name, partition_date) "
                               "DO UPDATE SET fingerprint = EXCLUDED.fingerprint",
                               target_key_, core::format_date(d), s.dates.at(d));
        }
        const int64_t total = tx.exec(fmt::format("SELECT count(*) FROM {} WHERE {}", target_, sql_.where(s.key, DateRange{})))[0][0]
                                  .as<int64_t>();
        tx.exec_params("INSERT INTO courtside.published_partitions VALUES ($1, $2, $3, $4, now(), $5) ON CONFLICT (table_name, "
                       "partition_key) DO UPDATE SET state = EXCLUDED.state, rows = EXCLUDED.rows, published_at = now(), "
                       "code_version = EXCLUDED.code_version",
                       target_key_, key, s.fingerprint, total, std::string(core::code_version()));
        tx.commit();
        rows_[key] = total;
        return rows;
    }

    // A season the store no longer holds.
    void remove_partition(const std::string& key, const Published& published) {
        const PartitionKey k = PartitionKey::parse(key);
        pqxx::work tx(pg_);
        tx.exec(fmt::format("DELETE FROM {} WHERE {}", target_, sql_.where(k, DateRange{})));
        std::vector<core::Date> gone;
        for (const auto& [d, fp] : published.dates)
            if (sql_.key_of(d) == k) gone.push_back(d);
        if (!gone.empty())
            tx.exec_params(fmt::format("DELETE FROM courtside.published_dates WHERE table_name = $1 AND partition_date IN ({})",
                                       date_list(gone)),
                           target_key_);
        tx.exec_params("DELETE FROM courtside.published_partitions WHERE table_name = $1 AND partition_key = $2", target_key_, key);
        tx.commit();
        rows_.erase(key);
    }

    // The complete twin replaces the live table, and its states become the live ones, at once.
    void swap_in() {
        const std::string live = t_.qualified(), next = target_key_;
        pqxx::work tx(pg_);
        swap_in_next(tx, t_);
        for (const char* meta : {"courtside.published_partitions", "courtside.published_dates"}) {
            tx.exec_params(fmt::format("DELETE FROM {} WHERE table_name = $1", meta), live);
            tx.exec_params(fmt::format("UPDATE {} SET table_name = $1 WHERE table_name = $2", meta), live, next);
        }
        tx.exec_params("DELETE FROM courtside.published_tables WHERE table_name = $1", live);
        tx.exec_params("UPDATE courtside.published_tables SET table_name = $1, updated_at = now() WHERE table_name = $2", live, next);
        tx.commit();
    }

    // Descriptions edited since: the comments only, no rows.
    void refresh_comments() {
        const std::string hash = comments_hash(t_);
        pqxx::work tx(pg_);
        auto r = tx.exec_params("SELECT comments_hash FROM courtside.published_tables WHERE table_name = $1", t_.qualified());
        if (!r.empty() && r[0][0].as<std::string>() == hash) return;
        comment_pg_table(tx, t_);
        tx.exec_params("UPDATE courtside.published_tables SET comments_hash = $1, updated_at = now() WHERE table_name = $2", hash,
                       t_.qualified());
        tx.commit();
    }

    store::Connection& duck_;
    pqxx::connection& pg_;
    const CatalogTable& t_;
    const SeasonSpans& spans_;
    const LedgerFingerprints& ledger_;
    PartitionSql sql_;
    std::vector<std::string> columns_;
    std::string select_, order_, target_, target_key_;
    std::map<std::string, int64_t> rows_;
};

}  // namespace

PublishSummary publish(store::Connection& duck, const PublishOptions& o, const PublishProgress& progress) {
    try {
        const auto tables = select_tables(o.tables, published_by_default);
        pqxx::connection pg(o.target.conninfo);
        pg.set_client_encoding("UTF8");
        {
            pqxx::nontransaction n(pg);
            n.exec("SET application_name = 'courtside publish'");
            if (!n.exec(fmt::format("SELECT pg_try_advisory_lock({})", kPublishLock))[0][0].as<bool>())
                throw std::runtime_error("another courtside publish is writing to " + o.target.description + ": wait for it to finish");
        }
        {
            pqxx::work tx(pg);
            ensure_meta_schema(tx);
            tx.commit();
        }
        const auto spans = SeasonSpans::load(duck);
        const StoreColumns columns(duck);
        const LedgerFingerprints ledger(duck);
        PublishSummary summary;
        for (const CatalogTable* t : tables) {
            columns.require(duck, *t);
            summary.tables.push_back(TablePublisher(duck, pg, *t, spans, ledger).run());
            if (progress) progress(summary.tables.back());
        }
        return summary;
    } catch (const std::exception& e) {
        throw std::runtime_error(o.target.redact(e.what()));
    }
}

}  // namespace courtside::export_
