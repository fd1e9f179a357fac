#include "adapters/slack/web_api.hpp"
#include "tests/unit/slack/fake_http_client.hpp"

#include <doctest/doctest.h>

using namespace siren;
using namespace siren::slack;
using namespace std::chrono_literals;
using siren::testing::fake_http_client;
using siren::testing::run;

namespace {

constexpr std::string_view bot_token = "xoxb-secret-bot-token";

struct fixture {
    fake_http_client http;
    rate_limiter limits;
    web_api api{http, "http://127.0.0.1:9000/api/", std::string(bot_token), limits,
                [] { return std::chrono::steady_clock::now(); }};

    adapters::call_result<std::string> call(std::string method, std::string body) {
        return run(api.call(std::move(method), std::move(body)));
    }
    adapters::failure failure_of(std::string method, std::string body = "{}") {
        auto answer = call(std::move(method), std::move(body));
        REQUIRE_FALSE(answer);
        CHECK(answer.error().message.find(bot_token) == std::string::npos);
        return answer.error();
    }
};

} // namespace

TEST_CASE("slack: web_api posts JSON with the bot token and returns Slack's answer") {
    fixture f;
    f.http.answer_ok("chat.postMessage", R"({"ok":true,"channel":"C1","ts":"1.000100"})");
    auto answer = f.call("chat.postMessage", R"({"channel":"C1","text":"hi"})");
    REQUIRE(answer);
    CHECK(*answer == R"({"ok":true,"channel":"C1","ts":"1.000100"})");

    REQUIRE(f.http.requests.size() == 1);
    const auto& sent = f.http.requests[0];
    CHECK(sent.request.method == "POST");
    CHECK(sent.request.url == "http://127.0.0.1:9000/api/chat.postMessage");
    CHECK(sent.header("Authorization") == "Bearer xoxb-secret-bot-token");
    CHECK(sent.header("Content-Type") == "application/json; charset=utf-8");
    CHECK(sent.request.body == R"({"channel":"C1","text":"hi"})");
    CHECK_FALSE(f.api.auth_failed());
}

TEST_CASE("slack: web_api form calls and apps.connections.open") {
    fixture f;
    f.http.answer_ok("users.info", R"({"ok":true,"user":{"id":"U1"}})");
    auto info = run(f.api.call_form("users.info", {{"user", "U1"}, {"note", "a b&c=d/é"}}));
    REQUIRE(info);
    CHECK(f.http.requests[0].header("Content-Type") == "application/x-www-form-urlencoded");
    CHECK(f.http.requests[0].request.body == "user=U1&note=a%20b%26c%3Dd%2F%C3%A9");

    f.http.answer_ok("apps.connections.open",
                     R"({"ok":true,"url":"ws://127.0.0.1:9001/link/?ticket=t1"})");
    auto url = run(f.api.open_socket_url("xapp-1-A111-app-token"));
    REQUIRE(url);
    CHECK(*url == "ws://127.0.0.1:9001/link/?ticket=t1");
    const auto& open = f.http.requests[1];
    CHECK(open.request.method == "POST");
    CHECK(open.request.url == "http://127.0.0.1:9000/api/apps.connections.open");
    CHECK(open.header("Authorization") == "Bearer xapp-1-A111-app-token");
    CHECK(open.header("Content-Type") == "application/x-www-form-urlencoded");
    CHECK(open.request.body.empty());

    f.http.answer_ok("apps.connections.open", R"({"ok":true})");
    auto no_url = run(f.api.open_socket_url("xapp-1-A111-app-token"));
    REQUIRE_FALSE(no_url);
    CHECK(no_url.error().retryable);
}

TEST_CASE("slack: web_api waits exactly Retry-After after a 429, then succeeds") {
    fixture f;
    f.http.answer("conversations.create", 429, R"({"ok":false,"error":"ratelimited"})",
                  {{"retry-after", "1"}});
    f.http.answer_ok("conversations.create", R"({"ok":true,"channel":{"id":"C9"}})");
    auto answer = f.call("conversations.create", R"({"name":"incident-1"})");
    REQUIRE(answer);
    REQUIRE(f.http.requests.size() == 2);
    auto waited = f.http.requests[1].at - f.http.requests[0].at;
    CHECK(waited >= 1s);
    CHECK(waited < 1'500ms);
    CHECK(f.http.requests[1].request.body == R"({"name":"incident-1"})");
}

TEST_CASE("slack: web_api gives up after five 429s with a retryable failure and retry_after") {
    fixture f;
    for (int i = 0; i < web_api::max_attempts; ++i)
        f.http.answer("pins.add", 429, R"({"ok":false,"error":"ratelimited"})",
                      {{"Retry-After", "0"}});
    auto why = f.failure_of("pins.add");
    CHECK(f.http.requests.size() == web_api::max_attempts);
    CHECK(why.retryable);
    CHECK(why.retry_after == seconds{0});
    CHECK(slack_error(why) == "ratelimited");

    // A Retry-After longer than a minute is not sat out inside the call.
    f.http.answer("views.open", 429, "", {{"Retry-After", "120"}});
    auto long_wait = f.failure_of("views.open");
    CHECK(long_wait.retryable);
    CHECK(long_wait.retry_after == seconds{120});
    CHECK(f.http.requests.size() == web_api::max_attempts + 1);
    // ...and the method stays paused: the next call fails at once without being sent.
    auto paused = f.failure_of("views.open");
    CHECK(paused.retryable);
    CHECK(paused.retry_after >= seconds{119});
    CHECK(f.http.requests.size() == web_api::max_attempts + 1);
}

TEST_CASE("slack: web_api maps ok:false to failures that name the error") {
    fixture f;
    f.http.answer_error("chat.postMessage", "not_in_channel");
    auto not_in = f.failure_of("chat.postMessage");
    CHECK_FALSE(not_in.retryable);
    CHECK(not_in.message == "chat.postMessage: not_in_channel");
    CHECK(slack_error(not_in) == "not_in_channel");

    for (std::string_view code : {"ratelimited", "internal_error", "fatal_error",
                                  "service_unavailable", "request_timeout"}) {
        CAPTURE(code);
        f.http.answer_error("chat.update", std::string(code));
        auto why = f.failure_of("chat.update");
        CHECK(why.retryable);
        CHECK(slack_error(why) == code);
    }

    f.http.answer_ok("conversations.setTopic",
                     R"({"ok":false,"error":"invalid_arguments","response_metadata":
                         {"messages":["[ERROR] missing required field: topic"]}})");
    auto invalid = f.failure_of("conversations.setTopic");
    CHECK_FALSE(invalid.retryable);
    CHECK(invalid.message ==
          "conversations.setTopic: invalid_arguments ([ERROR] missing required field: topic)");
    CHECK(slack_error(invalid) == "invalid_arguments");

    f.http.answer_ok("pins.add", R"({"ok":false})");
    CHECK(slack_error(f.failure_of("pins.add")) == "unknown_error");
    CHECK_FALSE(f.api.auth_failed());
}

TEST_CASE("slack: web_api records authentication failures") {
    for (std::string_view code :
         {"invalid_auth", "not_authed", "token_revoked", "account_inactive", "token_expired"}) {
        CAPTURE(code);
        fixture f;
        f.http.answer_error("chat.postMessage", std::string(code));
        auto why = f.failure_of("chat.postMessage");
        CHECK_FALSE(why.retryable);
        CHECK(f.api.auth_failed());
    }
    fixture app;
    app.http.answer_error("apps.connections.open", "invalid_auth");
    auto open = run(app.api.open_socket_url("xapp-revoked"));
    REQUIRE_FALSE(open);
    CHECK_FALSE(open.error().retryable);
    CHECK(open.error().message.find("xapp-revoked") == std::string::npos);
    CHECK(app.api.auth_failed());
}

TEST_CASE("slack: web_api HTTP and transport failures") {
    fixture f;
    f.http.answer("chat.postMessage", 503, "<html><body>Service Unavailable</body></html>");
    auto outage = f.failure_of("chat.postMessage");
    CHECK(outage.retryable);
    CHECK(outage.message == "chat.postMessage got HTTP 503");
    CHECK(slack_error(outage).empty());

    f.http.answer("chat.postMessage", 500, "");
    CHECK(f.failure_of("chat.postMessage").retryable);
    f.http.answer("chat.postMessage", 404, "not here");
    CHECK_FALSE(f.failure_of("chat.postMessage").retryable);
    f.http.answer_ok("chat.postMessage", R"({"ok":tr)");
    CHECK(f.failure_of("chat.postMessage").retryable);

    f.http.fail("chat.postMessage", make_error_code(boost::system::errc::connection_refused));
    auto refused = f.failure_of("chat.postMessage");
    CHECK(refused.retryable);
    CHECK(refused.message.starts_with("chat.postMessage could not be sent: "));
    CHECK(slack_error(refused).empty());
    CHECK_FALSE(f.api.auth_failed());
}

TEST_CASE("slack: web_api tells its hook of every 429, by method") {
    fake_http_client http;
    rate_limiter limits;
    std::vector<std::string> limited;
    web_api api{http,
                "http://127.0.0.1:9000/api/",
                std::string(bot_token),
                limits,
                [] { return std::chrono::steady_clock::now(); },
                [&limited](std::string_view method) { limited.emplace_back(method); }};
    http.answer("pins.add", 429, R"({"ok":false,"error":"ratelimited"})", {{"Retry-After", "0"}});
    http.answer_ok("pins.add", R"({"ok":true})");
    REQUIRE(run(api.call("pins.add", R"({"channel":"C1"})")));
    http.answer_ok("chat.postMessage", R"({"ok":true})");
    REQUIRE(run(api.call("chat.postMessage", R"({"channel":"C1"})")));
    CHECK(limited == std::vector<std::string>{"pins.add"});
}
