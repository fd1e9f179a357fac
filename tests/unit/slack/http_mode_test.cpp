#include "adapters/slack/envelope.hpp"
#include "adapters/slack/http_mode.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace siren;
using namespace siren::slack;
using nlohmann::json;

namespace {

// Slack's published signing test vector body (protocols.md §2.3): a real slash command form.
constexpr std::string_view published_form =
    "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id="
    "G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-"
    "collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%"
    "2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121."
    "803a0bc887a14d10d2c447fce8b6703c";

} // namespace

TEST_CASE("slack: forms decode into a JSON object of strings") {
    json fields = json::parse(form_to_json(published_form));
    CHECK(fields["command"] == "/webhook-collect");
    CHECK(fields["text"] == "");
    CHECK(fields["response_url"] ==
          "https://hooks.slack.com/commands/T1DC2JH3J/397700885554/96rGlfmibIGlgcZRskXaIFfN");
    json odd = json::parse(form_to_json("a=1+2&b=%zz&c&=x&&d=%41%4"));
    CHECK(odd["a"] == "1 2");
    CHECK(odd["b"] == "%zz");
    CHECK(odd["c"] == "");
    CHECK(odd["d"] == "A%4");
}

TEST_CASE("slack: an HTTP slash command becomes the envelope Socket Mode would deliver") {
    auto read = read_http_delivery(commands_path, published_form);
    REQUIRE(read.has_value());
    REQUIRE(read->to_handle);
    CHECK(read->to_handle->type == "slash_commands");
    CHECK(read->to_handle->envelope_id ==
          "398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c");
    auto in = translate(*read->to_handle);
    REQUIRE(std::holds_alternative<slash_command>(in));
    const auto& c = std::get<slash_command>(in);
    CHECK(c.input.command == "/webhook-collect");
    CHECK(c.input.user == "U2CERLKJA");
    CHECK(c.input.channel == "G8PSS9T3V");
}

TEST_CASE("slack: an HTTP interaction carries its payload as a form field") {
    json payload = {{"type", "view_submission"},
                    {"trigger_id", "t-9"},
                    {"user", {{"id", "U1"}}},
                    {"view",
                     {{"id", "V1"},
                      {"callback_id", "declare"},
                      {"private_metadata", "/incident C1"},
                      {"state", {{"values", json::object()}}}}}};
    std::string body = "payload=" + payload.dump(); // JSON needs no escaping for this test
    auto read = read_http_delivery(interactive_path, body);
    REQUIRE(read.has_value());
    CHECK(read->to_handle->envelope_id == "t-9");
    auto in = translate(*read->to_handle);
    REQUIRE(std::holds_alternative<view_submission>(in));
    CHECK(std::get<view_submission>(in).form_id == "declare");
}

TEST_CASE("slack: HTTP events: url_verification and callbacks keyed by event_id") {
    auto challenge =
        read_http_delivery(events_path, R"({"type":"url_verification","challenge":"c-1"})");
    REQUIRE(challenge.has_value());
    CHECK(challenge->challenge == "c-1");
    CHECK_FALSE(challenge->to_handle);

    auto event = read_http_delivery(
        events_path,
        R"({"type":"event_callback","event_id":"Ev1","event":{"type":"app_mention","user":"U1"}})");
    REQUIRE(event.has_value());
    CHECK(event->to_handle->envelope_id == "Ev1");
    CHECK(event->to_handle->type == "events_api");
}

TEST_CASE("slack: malformed HTTP deliveries are refused with a reason") {
    CHECK(read_http_delivery(commands_path, "command=%2Fincident").error() ==
          "a slash command without trigger_id");
    CHECK(read_http_delivery(interactive_path, "payload=not-json").error() ==
          "an interaction without a JSON `payload` field");
    CHECK(read_http_delivery(events_path, "[]").error() == "an event that is not a JSON object");
    CHECK(read_http_delivery(events_path, R"({"type":"event_callback"})").error() ==
          "an event callback without event_id");
    CHECK(read_http_delivery("/elsewhere", "").error() == "no such path");
}
