#include "core/effect.hpp"
#include "store/effect_codec.hpp"

#include <doctest/doctest.h>

using namespace siren;
using namespace siren::store;

namespace {

template <class Effect>
Effect round_trip(const Effect& original) {
    std::string text = encode_effect(original);
    auto decoded = decode_effect(text);
    REQUIRE_MESSAGE(decoded.has_value(), (decoded ? std::string() : decoded.error()));
    REQUIRE(std::holds_alternative<Effect>(*decoded));
    CHECK(encode_effect(*decoded) == text);
    return std::get<Effect>(*decoded);
}

std::string error_of(std::string_view text) {
    auto decoded = decode_effect(text);
    REQUIRE_FALSE(decoded.has_value());
    return decoded.error();
}

} // namespace

TEST_CASE("store: every effect kind survives the outbox codec") {
    auto channel = round_trip(create_channel{.name = "incident-119", .is_private = true});
    CHECK(channel.name == "incident-119");
    CHECK(channel.is_private);

    auto invite = round_trip(invite_users{.channel = "incident-119", .users = {"U1", "U2"}});
    CHECK(invite.channel == "incident-119");
    CHECK(invite.users == std::vector<user_id>{"U1", "U2"});
    CHECK(round_trip(invite_users{.channel = "c", .users = {}}).users.empty());

    auto topic = round_trip(set_topic{.channel = "incident-119", .topic = "S1 · investigating"});
    CHECK(topic.channel == "incident-119");
    CHECK(topic.topic == "S1 · investigating");

    auto post = round_trip(post_message{.channel = "incident-119",
                                        .text = "line 1\nline \"2\" <@U1>",
                                        .key = "intro",
                                        .pin = true});
    CHECK(post.channel == "incident-119");
    CHECK(post.text == "line 1\nline \"2\" <@U1>");
    CHECK(post.key == "intro");
    CHECK(post.pin);

    auto update = round_trip(update_message{.channel = "c", .key = "intro", .text = "new"});
    CHECK(update.channel == "c");
    CHECK(update.key == "intro");
    CHECK(update.text == "new");

    auto notify = round_trip(notify_user{.user = "U1", .text = "you are IC"});
    CHECK(notify.user == "U1");
    CHECK(notify.text == "you are IC");

    auto page = round_trip(page_user{.user = "U2",
                                     .rotation = "eoc",
                                     .summary = "#119 orderbook",
                                     .level = severity::s0,
                                     .dedup_key = "siren-119-eoc"});
    CHECK(page.user == "U2");
    CHECK(page.rotation == "eoc");
    CHECK(page.summary == "#119 orderbook");
    CHECK(page.level == severity::s0);
    CHECK(page.dedup_key == "siren-119-eoc");

    CHECK(round_trip(resolve_page{.dedup_key = "siren-119-eoc"}).dedup_key == "siren-119-eoc");

    auto file = round_trip(post_file{.channel = "incident-119",
                                     .filename = "review-119.md",
                                     .title = "Review of #119",
                                     .content = "# Review\n\n| a | b |\n",
                                     .comment = "<@U1> shared it"});
    CHECK(file.channel == "incident-119");
    CHECK(file.filename == "review-119.md");
    CHECK(file.title == "Review of #119");
    CHECK(file.content == "# Review\n\n| a | b |\n");
    CHECK(file.comment == "<@U1> shared it");
    auto written = round_trip(write_file{.path = "reviews/review-119.md", .content = "# R\n"});
    CHECK(written.path == "reviews/review-119.md");
    CHECK(written.content == "# R\n");
}

TEST_CASE("store: the codec writes the kind and the fields by name") {
    CHECK(encode_effect(resolve_page{.dedup_key = "k"}) ==
          R"({"dedup_key":"k","kind":"resolve_page"})");
    // Members in any order, and members it does not know, are fine.
    auto decoded = decode_effect(R"({"text":"hi","kind":"notify_user","user":"U1","extra":1})");
    REQUIRE(decoded.has_value());
    CHECK(std::get<notify_user>(*decoded).text == "hi");
}

TEST_CASE("store: the codec refuses malformed effects with a reason") {
    CHECK(error_of("") == "effect: not valid JSON");
    CHECK(error_of("{\"kind\":") == "effect: not valid JSON");
    CHECK(error_of("[1,2]") == "effect: not a JSON object");
    CHECK(error_of("{}") == "effect: missing \"kind\"");
    CHECK(error_of(R"({"kind":7})") == "effect: missing \"kind\"");
    CHECK(error_of(R"({"kind":"teleport"})") == "effect: unknown kind \"teleport\"");
    CHECK(error_of(R"({"kind":"set_topic","channel":"c"})") ==
          "effect: set_topic: missing \"topic\"");
    CHECK(error_of(R"({"kind":"create_channel","name":"c","is_private":"yes"})") ==
          "effect: create_channel: \"is_private\" must be true or false");
    CHECK(error_of(R"({"kind":"invite_users","channel":"c","users":"U1"})") ==
          "effect: invite_users: \"users\" must be a list of strings");
    CHECK(error_of(R"({"kind":"invite_users","channel":"c","users":["U1",2]})") ==
          "effect: invite_users: \"users\" must be a list of strings");
    CHECK(error_of(R"({"kind":"page_user","user":"U","rotation":"","summary":"",)"
                   R"("level":"S9","dedup_key":"k"})") ==
          "effect: page_user: \"level\" is not a severity: \"S9\"");
    CHECK(error_of(R"({"kind":"notify_user","user":null,"text":"x"})") ==
          "effect: notify_user: \"user\" must be a string");
    CHECK(error_of("{\"kind\":\"notify_user\",\"user\":\"\xff\",\"text\":\"x\"}") ==
          "effect: not valid JSON");
}

TEST_CASE("store: the codec replaces invalid UTF-8 instead of failing") {
    auto text = encode_effect(notify_user{.user = "U1", .text = "bad \xff byte"});
    auto decoded = decode_effect(text);
    REQUIRE(decoded.has_value());
    CHECK(std::get<notify_user>(*decoded).text == "bad \xEF\xBF\xBD byte");
}

TEST_CASE("store: a bookmark survives the outbox codec") {
    auto mark = round_trip(add_bookmark{
        .channel = "incident-119", .title = "Bridge", .link = "https://zoom.us/j/1?pwd=a&b=c"});
    CHECK(mark.channel == "incident-119");
    CHECK(mark.title == "Bridge");
    CHECK(mark.link == "https://zoom.us/j/1?pwd=a&b=c");
}
