#include "adapters/slack/slack_pager.hpp"
#include "tests/unit/slack/fake_http_client.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace siren;
using namespace siren::slack;
using nlohmann::json;
using siren::testing::fake_http_client;
using siren::testing::run;

namespace {

struct fixture {
    fake_http_client http;
    rate_limiter limits;
    web_api api{http, "http://slack.test/api/", "xoxb-t", limits,
                [] { return std::chrono::steady_clock::now(); }};
    slack_workspace chat{api, [](std::string_view name) -> std::optional<std::string> {
                             if (name == "incident-20260324-checkout")
                                 return "C42";
                             return std::nullopt;
                         }};
    slack_pager pager{chat, [](std::string_view key) -> std::optional<user_id> {
                          if (key == "siren-1-eoc")
                              return "U7";
                          return std::nullopt;
                      }};
};

} // namespace

TEST_CASE("slack: a page is a DM with the summary, a channel link and the page's buttons") {
    fixture f;
    CHECK(f.pager.provider() == "slack");
    f.http.answer_ok("chat.postMessage", R"({"ok":true,"channel":"D7","ts":"1.1"})");
    page_user page{.user = "U7",
                   .rotation = "eoc",
                   .summary = "#1 S1 Checkout down — join #incident-20260324-checkout",
                   .level = severity::s1,
                   .dedup_key = "siren-1-eoc"};
    REQUIRE(run(f.pager.trigger(page)));

    REQUIRE(f.http.methods() == std::vector<std::string>{"chat.postMessage"});
    json body = json::parse(f.http.requests[0].request.body);
    CHECK(body["channel"] == "U7");
    CHECK(body["metadata"] ==
          json{{"event_type", "siren_effect"}, {"event_payload", {{"effect", "siren-1-eoc"}}}});
    CHECK(body["text"] == "You are paged for eoc (S1): #1 S1 Checkout down — join <#C42>");
    REQUIRE(body["blocks"].size() == 2);
    CHECK(body["blocks"][0]["text"]["text"] ==
          ":rotating_light: *You are paged for eoc (S1)*\n#1 S1 Checkout down — join <#C42>");
    const json& buttons = body["blocks"][1];
    CHECK(buttons["type"] == "actions");
    REQUIRE(buttons["elements"].size() == 2);
    CHECK(buttons["elements"][0]["text"]["text"] == "Acknowledge");
    CHECK(buttons["elements"][0]["value"] == "/119 ack siren-1-eoc");
    CHECK(buttons["elements"][0]["action_id"] == "siren_button_0");
    CHECK(buttons["elements"][0]["style"] == "primary");
    CHECK(buttons["elements"][1]["value"] == "/119 escalate siren-1-eoc");
    CHECK(buttons["elements"][1]["action_id"] == "siren_button_1");

    REQUIRE(run(f.pager.acknowledge("siren-1-eoc")));
    CHECK(f.http.requests.size() == 1); // the acknowledgement came from Slack: nothing to send
}

TEST_CASE("slack: whether a page or its resolution reached the person's DMs") {
    fixture f;
    f.http.answer_ok("conversations.open", R"({"ok":true,"channel":{"id":"D7"}})");
    f.http.answer_ok("conversations.history", R"({"ok":true,"messages":[
        {"type":"message","ts":"1.1","text":"You are paged",
         "metadata":{"event_type":"siren_effect","event_payload":{"effect":"siren-1-eoc"}}}]})");
    page_user page{.user = "U7",
                   .rotation = "eoc",
                   .summary = "x",
                   .level = severity::s1,
                   .dedup_key = "siren-1-eoc"};
    auto sent = run(f.pager.triggered_before(page));
    REQUIRE(sent.has_value());
    CHECK(*sent);
    CHECK(f.http.methods() ==
          std::vector<std::string>{"conversations.open", "conversations.history"});
    CHECK(f.http.requests[1].request.body.find("include_all_metadata=true") != std::string::npos);

    f.http.answer_ok("conversations.open", R"({"ok":true,"channel":{"id":"D7"}})");
    f.http.answer_ok("conversations.history", R"({"ok":true,"messages":[]})");
    auto resolved = run(f.pager.resolved_before("siren-1-eoc"));
    REQUIRE(resolved.has_value());
    CHECK_FALSE(*resolved);

    f.http.fail("conversations.open", boost::asio::error::connection_reset);
    auto unknown = run(f.pager.triggered_before(page));
    REQUIRE_FALSE(unknown.has_value());
    CHECK(unknown.error().retryable);
}

TEST_CASE("slack: resolving a page tells the person paged") {
    fixture f;
    f.http.answer_ok("chat.postMessage", R"({"ok":true,"ts":"1.2"})");
    REQUIRE(run(f.pager.resolve("siren-1-eoc")));
    json body = json::parse(f.http.requests[0].request.body);
    CHECK(body["channel"] == "U7");
    CHECK(body["text"].get<std::string>().find("siren-1-eoc") != std::string::npos);

    auto unknown = run(f.pager.resolve("siren-9-eoc"));
    REQUIRE_FALSE(unknown);
    CHECK_FALSE(unknown.error().retryable);
    CHECK(f.http.requests.size() == 1);

    f.http.answer_error("chat.postMessage", "internal_error");
    auto outage = run(f.pager.trigger(page_user{
        .user = "U7", .rotation = "", .summary = "x", .level = severity::s2, .dedup_key = "k"}));
    REQUIRE_FALSE(outage);
    CHECK(outage.error().retryable);
}
