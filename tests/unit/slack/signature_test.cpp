#include "adapters/slack/signature.hpp"

#include <doctest/doctest.h>

using namespace siren;
using namespace siren::slack;

namespace {

// python-slack-sdk tests/slack_sdk/signature/test_signature_verifier.py (protocols.md §2.3).
constexpr std::string_view secret = "8f742231b10e8888abcd99yyyzzz85a5";
constexpr std::string_view timestamp = "1531420618";
constexpr std::string_view body =
    "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id="
    "G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-"
    "collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%"
    "2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121."
    "803a0bc887a14d10d2c447fce8b6703c";
constexpr std::string_view signature =
    "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

const time_point signed_at{seconds{1531420618}};

std::string error_of(const outcome<>& o) {
    REQUIRE_FALSE(o);
    return o.error();
}

} // namespace

TEST_CASE("slack: Slack's published signature vector verifies") {
    CHECK(verify_request(secret, timestamp, body, signature, signed_at));
    CHECK(verify_request(secret, timestamp, body, signature, signed_at + seconds{300}));
    CHECK(verify_request(secret, timestamp, body, signature, signed_at - seconds{300}));
    // Hex digits in capitals are the same signature.
    CHECK(verify_request(secret, timestamp, body,
                         "v0=A2114D57B48EAC39B9AD189DD8316235A7B4A8D21A10BD27519666489C69B503",
                         signed_at));
}

TEST_CASE("slack: a tampered body, timestamp, secret or signature is refused") {
    std::string tampered(body);
    tampered.back() = 'd';
    CHECK(error_of(verify_request(secret, timestamp, tampered, signature, signed_at)) ==
          "X-Slack-Signature does not match the request body");
    CHECK_FALSE(verify_request(secret, "1531420619", body, signature, signed_at));
    CHECK_FALSE(verify_request("another-secret", timestamp, body, signature, signed_at));
    std::string flipped(signature);
    flipped.back() = '4';
    CHECK_FALSE(verify_request(secret, timestamp, body, flipped, signed_at));
}

TEST_CASE("slack: a stale or future timestamp is refused before the signature is looked at") {
    auto stale =
        error_of(verify_request(secret, timestamp, body, signature, signed_at + seconds{301}));
    CHECK(stale.find("stale or replayed") != std::string::npos);
    CHECK_FALSE(verify_request(secret, timestamp, body, signature, signed_at - seconds{301}));
    CHECK_FALSE(verify_request(secret, "99999999999999999999999", body, signature, signed_at));
}

TEST_CASE("slack: malformed signature headers are refused and say which") {
    for (std::string_view bad :
         {"", "v0=", "a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
          "v1=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
          "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b50",
          "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b5033",
          "v0=g2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"}) {
        CAPTURE(bad);
        CHECK(error_of(verify_request(secret, timestamp, body, bad, signed_at)) ==
              "X-Slack-Signature is not v0= followed by 64 hex digits");
    }
    for (std::string_view bad : {"", "-1531420618", "1531420618.5", " 1531420618", "15314x0618"}) {
        CAPTURE(bad);
        CHECK(error_of(verify_request(secret, bad, body, signature, signed_at)) ==
              "X-Slack-Request-Timestamp is not a number of seconds");
    }
    CHECK(error_of(verify_request("", timestamp, body, signature, signed_at)) ==
          "no signing secret is configured");
}
