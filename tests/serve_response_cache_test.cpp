// serve's answer cache: answers of one snapshot only, least recently used out, an answer
// computed on a replaced snapshot never stored.
#include "serve/response_cache.hpp"

#include <gtest/gtest.h>

using courtside::serve::ResponseCache;

TEST(ServeResponseCache, HoldsTheAnswersOfOneSnapshotOnly) {
    ResponseCache c(2);
    c.put(1, "/api/picks?date=2022-01-15", "a");
    EXPECT_EQ(c.get(1, "/api/picks?date=2022-01-15"), "a");
    EXPECT_EQ(c.get(2, "/api/picks?date=2022-01-15"), std::nullopt) << "a newer snapshot never sees an older answer";
    c.put(2, "/api/picks", "b");
    EXPECT_EQ(c.get(1, "/api/picks?date=2022-01-15"), std::nullopt) << "the older snapshot's answers are dropped";
    c.put(1, "/api/models", "late");  // computed on snapshot 1 while 2 was published
    EXPECT_EQ(c.get(2, "/api/models"), std::nullopt);
    EXPECT_EQ(c.get(1, "/api/models"), std::nullopt);
}

TEST(ServeResponseCache, EvictsTheLeastRecentlyUsed) {
    ResponseCache c(2);
    c.put(1, "x", "1");
    c.put(1, "y", "2");
    EXPECT_EQ(c.get(1, "x"), "1");  // y is now the least recent
    c.put(1, "z", "3");
    EXPECT_EQ(c.get(1, "y"), std::nullopt);
    EXPECT_EQ(c.get(1, "x"), "1");
    EXPECT_EQ(c.get(1, "z"), "3");
}

TEST(ServeResponseCache, KeysFollowTheParametersInKeyOrder) {
    std::multimap<std::string, std::string> a{{"market", "points"}, {"date", "2022-01-15"}};
    EXPECT_EQ(ResponseCache::key_of("/api/picks", a), "/api/picks?date=2022-01-15&market=points");
    EXPECT_EQ(ResponseCache::key_of("/api/picks", {}), "/api/picks");
}
