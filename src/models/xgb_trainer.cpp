#include "models/xgb_trainer.hpp"

#include "models/objectives.hpp"
#include "models/training_set.hpp"
#include "models/xgb_inputs.hpp"

#include <fmt/format.h>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <limits>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

namespace courtside::models {

namespace {
std::vector<float> labels_of(const FeatureRows& rows, const XgbParams& p) {
    std::vector<float> y(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) y[i] = static_cast<float>(p.to_target(rows.outcome(p.stat, i)));
    return y;
}

double median_label(const FeatureRows& rows, const XgbParams& p) {
    std::vector<double> y;
    for (size_t i = 0; i < rows.size(); ++i) y.push_back(p.to_target(rows.outcome(p.stat, i)));
    std::nth_element(y.begin(), y.begin() + static_cast<std::ptrdiff_t>(y.size() / 2), y.end());
    return y[y.size() / 2];
}

// Metrics in units of the stat (points, threes), whatever the target the trees learn.
Metrics score(const std::vector<float>& pred, const FeatureRows& rows, const XgbParams& p) {
    MetricsAccumulator acc;
    for (size_t i = 0; i < rows.size(); ++i) acc.add(p.from_target(pred[i]), rows.outcome(p.stat, i));
    return acc.result();
}

// Sample weights: with a recency half-life, weights that halve every that many days before
// `last_date`; times params.rotation_weight on rows of players averaging 20+ minutes over their
// last 10 games. Empty when every row weighs 1. Scaled to a mean of 1: min_child_weight and
// lambda act on the weighted hessian sums, and keep the meaning they have without weights.
std::vector<float> weights_of(const FeatureRows& rows, const XgbParams& p, store::DateDays last_date) {
    if (p.recency_halflife_days <= 0 && p.rotation_weight == 1) return {};
    std::vector<float> w(rows.size(), 1.0f);
    if (p.recency_halflife_days > 0)
        for (size_t i = 0; i < rows.size(); ++i)
            w[i] = static_cast<float>(std::exp2(-static_cast<double>(last_date - rows.dates[i]) / p.recency_halflife_days));
    if (!(p.rotation_weight > 0) || !std::isfinite(p.rotation_weight))
        throw std::invalid_argument(fmt::format("rotation weight {} is not a positive number", p.rotation_weight));
    if (p.rotation_weight != 1) {
        const auto col = rows.column("minutes_avg_last_10");
        if (!col)
            throw std::invalid_argument(
                "--rotation-weight needs minutes_avg_last_10 (the last 10 games' minutes), which this feature set lacks: use v2 or v3");
        for (size_t i = 0; i < rows.size(); ++i)
            if (rows.values[i * rows.width() + *col] >= 20) w[i] *= static_cast<float>(p.rotation_weight);
    }
    double sum = 0;
    for (float x : w) sum += x;
    if (sum > 0)
        for (float& x : w) x = static_cast<float>(x * static_cast<double>(w.size()) / sum);
    return w;
}

// Inputs, labels and weights: in XGBoost's matrix, and kept for the custom objectives' gradients.
struct TrainingMatrix {
    std::vector<float> labels, weights;
    DMatrix dm;
    TrainingMatrix(const FeatureRows& rows, const std::vector<std::string>& input_names, const XgbParams& p,
                   store::DateDays last_date)
        : labels(labels_of(rows, p)),
          weights(weights_of(rows, p, last_date)),
          dm(xgb_inputs(rows, input_names), rows.size(), input_names.size()) {
        dm.set_labels(labels);
        if (!weights.empty()) dm.set_weights(weights);
    }
};

Booster new_booster(const std::vector<const DMatrix*>& cache, const XgbParams& p) {
    Booster b(cache);
    for (const auto& [k, v] : p.booster_params()) b.set_param(k, v);
    return b;
}

// The early-stopping fit tells a refit running alongside how many rounds it may already run: up
// to the best round so far, which the final best round is never below. So the refit never runs a
// round the sequential refit would not, and it is the same booster.
class RoundGate {
public:
    void allow(int rounds) {
        {
            std::lock_guard<std::mutex> l(m_);
            allowed_ = std::max(allowed_, rounds);
        }
        cv_.notify_all();
    }
    // No more rounds will be allowed: the fit ended (the refit finishes what was allowed).
    void close() {
        {
            std::lock_guard<std::mutex> l(m_);
            closed_ = true;
        }
        cv_.notify_all();
    }
    // The fit failed: the refit stops before its next round.
    void abort() {
        {
            std::lock_guard<std::mutex> l(m_);
            aborted_ = closed_ = true;
        }
        cv_.notify_all();
    }
    // Waits until round `it` (0-based) may run; false when it never will.
    bool wait_for(int it) {
        std::unique_lock<std::mutex> l(m_);
        cv_.wait(l, [&] { return allowed_ > it || closed_; });
        return !aborted_ && allowed_ > it;
    }

private:
    std::mutex m_;
    std::condition_variable cv_;
    int allowed_ = 0;
    bool closed_ = false, aborted_ = false;
};

// Runs up to `rounds` boosting rounds. With validation rows, stops `early_stopping` rounds after
// the best validation MAE (in points) and returns the best round count (telling `best_so_far`
// each time it improves); else returns `rounds`. With a `gate`, waits before each round until the
// gate allows it, and stops when the gate closes.
int boost(Booster& booster, const TrainingMatrix& train, const XgbParams& p, int rounds, const FeatureRows* valid,
          const DMatrix* dvalid, const std::function<void(int, int)>& on_round = {}, RoundGate* best_so_far = nullptr,
          RoundGate* gate = nullptr) {
    const bool custom = is_custom_objective(p.objective);
    std::vector<float> grad, hess;
    double best = std::numeric_limits<double>::infinity();
    int best_round = rounds - 1;
    for (int it = 0; it < rounds; ++it) {
        if (gate && !gate->wait_for(it)) return it;
        if (custom) {
            custom_gradients(p.objective, p.huber_slope, booster.training_margin(train.dm), train.labels, train.weights, grad,
                             hess);
            booster.boost(train.dm, grad, hess);
        } else {
            booster.update(it, train.dm);
        }
        if (on_round) on_round(it + 1, rounds);
        if (!valid) continue;
        const double mae = score(booster.predict(*dvalid), *valid, p).mae;
        if (mae < best) {
            best = mae;
            best_round = it;
            if (best_so_far) best_so_far->allow(it + 1);
        } else if (it - best_round >= p.early_stopping) {
            break;
        }
    }
    return best_round + 1;
}

// The refit: a booster retrained on every row for the early-stopped round count. Alongside the
// fit it runs on its own thread, gated round by round; otherwise after it, for `rounds` rounds.
struct Refit {
    TrainingMatrix all;
    Booster booster;
    Refit(const FeatureRows& rows, const std::vector<size_t>& rows_idx, const std::vector<std::string>& input_names,
          const XgbParams& p, store::DateDays last_date)
        : all(rows.subset(rows_idx), input_names, p, last_date), booster(new_booster({&all.dm}, p)) {}
    void run(const XgbParams& p, int rounds, RoundGate* gate) { boost(booster, all, p, rounds, nullptr, nullptr, {}, nullptr, gate); }
};

}  // namespace

TrainedXgb train_xgb(const FeatureRows& rows, const std::vector<size_t>& rows_idx, const XgbParams& params,
                     const std::function<void(int, int)>& on_round, std::optional<bool> refit_alongside) {
    const auto start = std::chrono::steady_clock::now();
    if (rows_idx.empty()) throw std::invalid_argument("no training rows in the range");
    std::vector<store::DateDays> dates;
    for (size_t i : rows_idx) {
        if (!dates.empty() && rows.dates[i] < dates.back()) throw std::invalid_argument("training rows are not chronological");
        dates.push_back(rows.dates[i]);
    }
    const size_t cut = chronological_cut(dates, params.validation_fraction);
    std::vector<std::string> input_names = select_inputs(rows, rows_idx, params);
    XgbParams used = params;

    // With a spare core the refit runs alongside the early-stopping fit (see RoundGate); the same
    // booster either way. Its row copy and matrix then live beside the fit's (the price of the
    // overlap). Declared first: on any exception the refit is stopped and its thread joined.
    RoundGate gate;
    std::optional<Refit> alongside;
    std::exception_ptr alongside_error;
    std::thread alongside_thread;
    struct CloseAndJoin {
        RoundGate& gate;
        std::thread& thread;
        ~CloseAndJoin() {
            gate.abort();  // a no-op once the thread is joined
            if (thread.joinable()) thread.join();
        }
    } close_and_join{gate, alongside_thread};

    // Early stopping on the last dates. Scoped: its row copies and matrices are freed before the
    // refit after it builds the matrix of every row (two trainings run side by side in a
    // walk-forward).
    int best_rounds = 0;
    std::optional<Booster> kept;
    Metrics train_metrics, valid_metrics;
    std::vector<double> held_out_predicted, held_out_actual;
    size_t rows_train = 0, rows_valid = 0;
    {
        FeatureRows train = rows.subset({rows_idx.begin(), rows_idx.begin() + static_cast<std::ptrdiff_t>(cut)});
        FeatureRows valid = rows.subset({rows_idx.begin() + static_cast<std::ptrdiff_t>(cut), rows_idx.end()});
        rows_train = train.size();
        rows_valid = valid.size();
        if (std::isnan(used.base_score)) used.base_score = median_label(train, used);
        quiet_xgboost();
        if (used.refit && refit_alongside.value_or(spare_core_for_refit(1, 0, used.threads))) {
            alongside_thread = std::thread([&] {
                try {
                    quiet_xgboost();  // XGBoost's global configuration is per thread
                    alongside.emplace(rows, rows_idx, input_names, used, dates.back());
                    alongside->run(used, used.rounds, &gate);
                } catch (...) {
                    alongside_error = std::current_exception();
                }
            });
        }

        const TrainingMatrix dtrain(train, input_names, used, dates.back());
        const TrainingMatrix dvalid(valid, input_names, used, dates.back());
        Booster booster = new_booster({&dtrain.dm, &dvalid.dm}, used);
        best_rounds = boost(booster, dtrain, used, used.rounds, &valid, &dvalid.dm, on_round, &gate);
        gate.allow(best_rounds);  // also when no round ever improved (all rounds are then kept)
        gate.close();
        kept.emplace(booster.slice(best_rounds));
        train_metrics = score(kept->predict(dtrain.dm), train, used);
        const std::vector<float> valid_pred = kept->predict(dvalid.dm);
        valid_metrics = score(valid_pred, valid, used);
        // Out-of-sample residuals: the early-stopped booster never learned from these rows.
        for (size_t i = 0; i < valid.size(); ++i) {
            held_out_predicted.push_back(used.from_target(valid_pred[i]));
            held_out_actual.push_back(valid.outcome(used.stat, i));
        }
    }
    if (used.refit) {
        // The validation rows are the most recent games: once they have chosen the number of
        // rounds, the final model learns from them too, for exactly that many rounds.
        kept.reset();
        if (alongside_thread.joinable()) {
            alongside_thread.join();
            if (alongside_error) std::rethrow_exception(alongside_error);
            if (alongside->booster.rounds() != best_rounds)
                throw std::logic_error(fmt::format("the refit ran {} rounds, not {}", alongside->booster.rounds(), best_rounds));
            kept.emplace(std::move(alongside->booster));
            alongside.reset();
        } else {
            Refit refit(rows, rows_idx, input_names, used, dates.back());
            refit.run(used, best_rounds, nullptr);
            kept.emplace(std::move(refit.booster));
        }
    }
    return TrainedXgb{.booster = std::move(*kept),
                      .feature_names = rows.names,
                      .input_names = std::move(input_names),
                      .rows_train = rows_train,
                      .rows_valid = rows_valid,
                      .first_date = dates.front(),
                      .valid_from = dates[cut],
                      .last_date = dates.back(),
                      .best_rounds = best_rounds,
                      .params = used,
                      .train_metrics = train_metrics,
                      .valid_metrics = valid_metrics,
                      .held_out_predicted = std::move(held_out_predicted),
                      .held_out_actual = std::move(held_out_actual),
                      .seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()};
}

bool spare_core_for_refit(size_t n, int workers, int threads) {
    const size_t at_once = std::min(n, static_cast<size_t>(workers > 0 ? workers : kDefaultConcurrentTrainings));
    return at_once == 1 && std::thread::hardware_concurrency() >= 2 * static_cast<unsigned>(std::max(threads, 1));
}

std::vector<std::exception_ptr> train_side_by_side(size_t n, int workers, const std::function<void(size_t)>& train_one) {
    std::vector<std::exception_ptr> errors(n);
    tbb::task_arena arena(workers > 0 ? workers : kDefaultConcurrentTrainings);
    arena.execute([&] {
        tbb::parallel_for(
            tbb::blocked_range<size_t>(0, n, 1),
            [&](const tbb::blocked_range<size_t>& r) {
                for (size_t k = r.begin(); k < r.end(); ++k) {
                    try {
                        train_one(k);
                    } catch (...) {
                        errors[k] = std::current_exception();
                    }
                }
            },
            tbb::simple_partitioner());
    });
    return errors;
}

}  // namespace courtside::models
