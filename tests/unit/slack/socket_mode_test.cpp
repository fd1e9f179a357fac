#include "adapters/slack/socket_mode.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace siren;
using namespace siren::slack;
using nlohmann::json;

namespace {

template <class T>
T as(const frame& f) {
    REQUIRE(std::holds_alternative<T>(f));
    return std::get<T>(f);
}

} // namespace

TEST_CASE("slack: hello with every field (the docs' example)") {
    auto h = as<hello>(parse_frame(
        R"({"type":"hello","num_connections":1,"connection_info":{"app_id":"A1234"},
            "debug_info":{"host":"applink-7fc4fdbb64-4x5xq","started":"2020-10-11 12:12:12.120",
                          "build_number":54,"approximate_connection_time":3600}})"));
    CHECK(h.num_connections == 1);
    CHECK(h.approximate_connection_time == seconds{3600});
    CHECK(h.app_id == "A1234");
}

TEST_CASE("slack: hello as the python SDK's mock sends it, without debug_info.started") {
    auto h = as<hello>(parse_frame(
        R"({"type":"hello","num_connections":2,"debug_info":{"host":"applink-111-xxx",
            "build_number":10,"approximate_connection_time":18060},
            "connection_info":{"app_id":"A111"}})"));
    CHECK(h.num_connections == 2);
    CHECK(h.approximate_connection_time == seconds{18060});
    CHECK(h.app_id == "A111");
}

TEST_CASE("slack: a bare hello is valid; fields of the wrong type count as missing") {
    auto bare = as<hello>(parse_frame(R"({"type":"hello"})"));
    CHECK(bare.num_connections == 0);
    CHECK_FALSE(bare.approximate_connection_time);
    CHECK(bare.app_id.empty());

    auto odd = as<hello>(parse_frame(
        R"({"type":"hello","num_connections":"2","connection_info":[],
            "debug_info":{"approximate_connection_time":1e30}})"));
    CHECK(odd.num_connections == 0);
    CHECK_FALSE(odd.approximate_connection_time);
    CHECK(odd.app_id.empty());
}

TEST_CASE("slack: each disconnect reason") {
    struct row {
        std::string_view raw;
        disconnect_reason reason;
    };
    for (auto [raw, reason] : {row{"warning", disconnect_reason::warning},
                               row{"refresh_requested", disconnect_reason::refresh_requested},
                               row{"link_disabled", disconnect_reason::link_disabled},
                               row{"too_many_websockets", disconnect_reason::too_many_websockets},
                               row{"something_new", disconnect_reason::other}}) {
        CAPTURE(raw);
        auto d =
            as<disconnect>(parse_frame(R"({"type":"disconnect","reason":")" + std::string(raw) +
                                       R"(","debug_info":{"host":"applink-10"}})"));
        CHECK(d.reason == reason);
        CHECK(d.raw_reason == raw);
    }
    // The python mock adds num_connections and connection_info; a missing reason is "other".
    auto extra = as<disconnect>(parse_frame(
        R"({"type":"disconnect","reason":"warning","num_connections":1,
            "connection_info":{"app_id":"A111"}})"));
    CHECK(extra.reason == disconnect_reason::warning);
    auto bare = as<disconnect>(parse_frame(R"({"type":"disconnect"})"));
    CHECK(bare.reason == disconnect_reason::other);
    CHECK(bare.raw_reason.empty());
}

TEST_CASE("slack: an events_api envelope keeps its retry fields and payload") {
    auto e = as<envelope>(parse_frame(
        R"({"envelope_id":"dbdd0ef3-1543-4f94-bfb4-133d0e6c1545","type":"events_api",
            "accepts_response_payload":false,"retry_attempt":2,"retry_reason":"timeout",
            "payload":{"type":"event_callback","event_id":"Ev111"}})"));
    CHECK(e.envelope_id == "dbdd0ef3-1543-4f94-bfb4-133d0e6c1545");
    CHECK(e.type == "events_api");
    CHECK_FALSE(e.accepts_response_payload);
    CHECK(e.retry_attempt == 2);
    CHECK(e.retry_reason == "timeout");
    CHECK(json::parse(e.payload_json) == json{{"type", "event_callback"}, {"event_id", "Ev111"}});
}

TEST_CASE("slack: slash_commands and interactive envelopes; first delivery defaults") {
    auto slash = as<envelope>(parse_frame(
        R"({"envelope_id":"e-1","type":"slash_commands","accepts_response_payload":true,
            "payload":{"command":"/incident","text":"declare"}})"));
    CHECK(slash.type == "slash_commands");
    CHECK(slash.accepts_response_payload);
    CHECK(slash.retry_attempt == 0);
    CHECK(slash.retry_reason.empty());
    CHECK(json::parse(slash.payload_json)["command"] == "/incident");

    auto interactive = as<envelope>(parse_frame(
        R"({"envelope_id":"e-2","type":"interactive","accepts_response_payload":true,
            "payload":{"type":"block_actions"}})"));
    CHECK(interactive.type == "interactive");
    CHECK(interactive.accepts_response_payload);

    // Any envelope is acked, even one siren cannot read further.
    auto bare = as<envelope>(parse_frame(R"({"envelope_id":"e-3","type":"something_new"})"));
    CHECK(bare.type == "something_new");
    CHECK(bare.payload_json.empty());
}

TEST_CASE("slack: garbage is malformed, never an exception") {
    for (std::string_view text :
         {"", "not json", "[]", "42", "\"hello\"", "{", R"({"type":42})", "{}",
          R"({"type":"goodbye"})", R"({"envelope_id":"","type":"events_api","payload":{}})",
          R"({"envelope_id":7,"type":"events_api"})", "{\"type\":\"hello\xff\"}",
          R"({"type":"hello"} trailing)"}) {
        CAPTURE(text);
        CHECK(std::holds_alternative<malformed>(parse_frame(text)));
    }
    CHECK(as<malformed>(parse_frame(R"({"type":"goodbye"})")).why ==
          "unknown frame type 'goodbye'");
}

TEST_CASE("slack: ack without and with a payload") {
    CHECK(ack_frame("e-1", std::nullopt) == R"({"envelope_id":"e-1"})");
    CHECK(json::parse(ack_frame("e-1", R"({"response_type":"ephemeral","text":"Declaring…"})")) ==
          json{{"envelope_id", "e-1"},
               {"payload", {{"response_type", "ephemeral"}, {"text", "Declaring…"}}}});
    // A payload that is not a JSON object is left out: the ack itself must still go out.
    CHECK(ack_frame("e-2", "not json") == R"({"envelope_id":"e-2"})");
    CHECK(ack_frame("e-\"3", std::nullopt) == R"({"envelope_id":"e-\"3"})");
}
