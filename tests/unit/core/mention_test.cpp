#include "core/mention.hpp"

#include <doctest/doctest.h>

using namespace siren;

TEST_CASE("user references in shell and Slack form") {
    CHECK(parse_user_ref("@alice") == "alice");
    CHECK(parse_user_ref("<@U024BE7LH>") == "U024BE7LH");
    CHECK(parse_user_ref("<@U024BE7LH|alice>") == "U024BE7LH");
    CHECK_FALSE(parse_user_ref("alice"));
    CHECK_FALSE(parse_user_ref("@"));
    CHECK_FALSE(parse_user_ref("<@>"));
    CHECK_FALSE(parse_user_ref("<@U1"));
    CHECK_FALSE(parse_user_ref("@al ice"));
    CHECK_FALSE(parse_user_ref("<#C123>"));
    CHECK(mention("alice") == "<@alice>");
}

TEST_CASE("channel references in shell and Slack form") {
    CHECK(parse_channel_ref("#general") == "general");
    CHECK(parse_channel_ref("<#C123|general>") == "C123");
    CHECK_FALSE(parse_channel_ref("general"));
    CHECK(channel_link("incident-1") == "<#incident-1>");
}
