// The quality score and tier have two forms: C++ (rows computed in courtside) and SQL (rows the
// store copies itself, feature_prefix.hpp). They must give the same double and the same tier.
#include "features/feature_quality.hpp"
#include "store/database.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

using namespace courtside;
using features::Source;

TEST(FeatureQuality, TheScoreAndTierInSqlEqualTheOnesComputedInCpp) {
    store::Database db(":memory:");
    store::Connection con(db);
    con.execute("CREATE TABLE t (id INTEGER, source_codes VARCHAR)");
    // Random codes of every letter (and one the weights do not know, worth 0 in both), plus the
    // rows at each tier's bound.
    std::mt19937 rng(7);
    const std::string letters = "FPDMCX";
    std::vector<std::string> codes = {std::string(20, 'F'), std::string(20, 'M'), "FFFFFFFFFFFFFFFFFFFP", "PPPPPPPPPPPPPPPPPPPP",
                                      std::string(19, 'F') + "M"};
    std::uniform_real_distribution<double> unit(0, 1);
    for (int i = 0; i < 2000; ++i) {  // each row mostly full windows by its own share, so scores span every tier
        std::string c(5 + rng() % 70, 'F');
        const double full = unit(rng);
        for (char& ch : c) ch = unit(rng) < full ? 'F' : letters[rng() % letters.size()];
        codes.push_back(c);
    }
    {
        store::Appender app(con, "main", "t");
        for (size_t i = 0; i < codes.size(); ++i) app.append(static_cast<int64_t>(i)).append(codes[i]).end_row();
        app.close();
    }
    for (size_t n : {1, 5, 17, 25, 43}) {
        const std::string score = features::quality_score_sql("source_codes", n);
        auto r = con.query(fmt::format("SELECT id, {0}, {1}, {2} FROM t WHERE length(source_codes) >= {3} ORDER BY id", score,
                                       features::quality_tier_sql(score), features::quality_tier_sql(score, "silver"), n));
        size_t checked = 0;
        std::set<std::string> tiers;
        r.for_each_chunk([&](const store::Chunk& c) {
            for (size_t i = 0; i < c.size(); ++i, ++checked) {
                const std::string& code = codes[static_cast<size_t>(c.get_int(0, i))];
                std::vector<Source> sources;
                for (size_t k = 0; k < n; ++k) sources.push_back(static_cast<Source>(code[k]));
                const double expected = features::quality_score(sources);
                ASSERT_EQ(c.get_double(1, i), expected) << code << " n=" << n;  // the same double, not a close one
                ASSERT_EQ(c.get_string(2, i), features::quality_tier(expected)) << code << " n=" << n;
                ASSERT_EQ(c.get_string(3, i), features::quality_tier(expected, "silver")) << code << " n=" << n;
                tiers.insert(std::string(c.get_string(2, i)));
            }
        });
        EXPECT_GT(checked, 100u) << "n=" << n;
        if (n >= 17) {
            EXPECT_GE(tiers.size(), 4u) << "n=" << n;  // the random rows reach most tiers
        }
    }
    EXPECT_EQ(features::quality_tier(100, "silver"), "silver");
    EXPECT_EQ(features::quality_tier(60, "silver"), "bronze");
    EXPECT_THROW(features::quality_tier(60, "platinum"), std::invalid_argument);
}
