#include "adapters/net/error.hpp"
#include "adapters/net/url.hpp"
#include "support/checks.hpp"

#include <doctest/doctest.h>

using namespace siren::net;

TEST_CASE("URLs of every scheme, with default and explicit ports") {
    auto https = parse_url("https://slack.com/api/chat.postMessage");
    REQUIRE_OK(https);
    CHECK(https->scheme == url_scheme::https);
    CHECK(https->secure());
    CHECK(https->host == "slack.com");
    CHECK(https->port == 443);
    CHECK(https->target == "/api/chat.postMessage");
    CHECK(https->authority() == "slack.com");
    CHECK(https->origin() == "https://slack.com:443");

    auto http = parse_url("http://127.0.0.1:9000/x");
    REQUIRE_OK(http);
    CHECK(http->scheme == url_scheme::http);
    CHECK_FALSE(http->secure());
    CHECK(http->port == 9000);
    CHECK(http->authority() == "127.0.0.1:9000");

    auto ws = parse_url("ws://localhost");
    REQUIRE_OK(ws);
    CHECK(ws->scheme == url_scheme::ws);
    CHECK(ws->port == 80);
    CHECK(ws->target == "/");

    auto wss = parse_url("WSS://WSS-Primary.Slack.com/link/?ticket=abc&app_id=A1");
    REQUIRE_OK(wss);
    CHECK(wss->scheme == url_scheme::wss);
    CHECK(wss->host == "wss-primary.slack.com");
    CHECK(wss->port == 443);
    CHECK(wss->target == "/link/?ticket=abc&app_id=A1");
}

TEST_CASE("targets keep the query, lose the fragment, and start with a slash") {
    CHECK(parse_url("https://h/p?q=1#frag")->target == "/p?q=1");
    CHECK(parse_url("https://h?q=1")->target == "/?q=1");
    CHECK(parse_url("https://h#frag")->target == "/");
    CHECK(parse_url("https://h:8443")->target == "/");
    CHECK(parse_url("https://h:443/")->authority() == "h");
}

TEST_CASE("IPv6 literals go in brackets") {
    auto v6 = parse_url("http://[::1]:8080/x");
    REQUIRE_OK(v6);
    CHECK(v6->host == "::1");
    CHECK(v6->port == 8080);
    CHECK(v6->authority() == "[::1]:8080");
    CHECK(v6->origin() == "http://[::1]:8080");
    CHECK(parse_url("wss://[2001:db8::1]")->authority() == "[2001:db8::1]");
    CHECK(parse_url("http://[::1/x").error() == errc::invalid_url);
    CHECK(parse_url("http://[::1]x/").error() == errc::invalid_url);
    CHECK(parse_url("http://[not-v6]/").error() == errc::invalid_url);
}

TEST_CASE("anything else is refused with a reason") {
    CHECK(parse_url("ftp://example.com/").error() == errc::unsupported_scheme);
    CHECK(parse_url("example.com/path").error() == errc::unsupported_scheme);
    CHECK(parse_url("").error() == errc::unsupported_scheme);
    CHECK(parse_url("https:///path").error() == errc::missing_host);
    CHECK(parse_url("https://:443/").error() == errc::missing_host);
    CHECK(parse_url("https://h:0/").error() == errc::invalid_port);
    CHECK(parse_url("https://h:65536/").error() == errc::invalid_port);
    CHECK(parse_url("https://h:/").error() == errc::invalid_port);
    CHECK(parse_url("https://h:80x/").error() == errc::invalid_port);
    CHECK(parse_url("https://user:secret@h/").error() == errc::invalid_url);
    CHECK(parse_url("https://h/a b").error() == errc::invalid_url);
    CHECK(parse_url("https://h/a\r\nX-Injected: 1").error() == errc::invalid_url);
    CHECK(parse_url("https://h<script>/").error() == errc::invalid_url);
    CHECK(parse_url("gopher://h/").error().message() ==
          "URL scheme must be http://, https://, ws:// or wss://");
}
