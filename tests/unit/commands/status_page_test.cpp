#include "commands/status_page.hpp"
#include "commands/status_page_render.hpp"
#include "tests/unit/commands/fakes.hpp"

#include <doctest/doctest.h>

using namespace siren;
using commands::status_page;

namespace {

// S0 and S1 are on the status page; alice declared S1 #1 on checkout at 08:15.
struct page_world : siren::testing::world {
    page_world() {
        for (auto& p : config.severities)
            p.status_page = p.level <= severity::s1;
        config.workspace.name = "Acme";
        config.services[0].description = "Cart & checkout";
        act("/incident", "declare S1 Checkout <returns> 500 --service checkout");
    }

    decision in(std::string channel, std::string text, user_id user = "alice") {
        return act("/119", std::move(text), std::move(user), std::move(channel));
    }

    status_page page() const { return commands::status_page_of(config, incidents, now); }
};

const std::string checkout = "incident-20260324-checkout-returns-500";

const time_point nine = std::chrono::sys_days{std::chrono::year{2026} / 3 / 24} + hours{9};

std::string body_of(const std::string& html) {
    return html.substr(html.find("<body>"));
}

} // namespace

TEST_CASE("status page: components take the worst status of their open incidents") {
    page_world w;
    auto page = w.page();
    CHECK(page.name == "Acme");
    CHECK(page.overall == public_status::partial_service_disruption);
    REQUIRE(page.components.size() == 2);
    CHECK(page.components[0].name == "checkout");
    CHECK(page.components[0].status == public_status::partial_service_disruption);
    CHECK(page.components[1].status == public_status::operational);
    w.act("/incident", "declare S0 Nothing loads --service checkout --force");
    CHECK(w.page().components[0].status == public_status::service_disruption);
}

TEST_CASE("status page: security incidents, near misses and severities off the page are absent") {
    page_world w;
    w.act("/incident", "declare S0 Leaked keys --service search --security");
    w.act("/incident", "declare S1 Almost dropped a table --service search --near-miss");
    w.act("/incident", "declare S2 Search is slow --service search");
    auto page = w.page();
    REQUIRE(page.open.size() == 1);
    CHECK(page.open[0].title == "Checkout <returns> 500");
    CHECK(page.components[1].status == public_status::operational);
}

TEST_CASE("status page: public updates newest first; resolved incidents stay a week") {
    page_world w;
    w.in(checkout, "public We are looking into it.");
    w.now += minutes{10};
    w.in(checkout, "public \"Fixed; we are monitoring.\"");
    w.in(checkout, "note internal only");
    auto open = w.page().open;
    REQUIRE(open.size() == 1);
    REQUIRE(open[0].updates.size() == 2);
    CHECK(open[0].updates[0].text == "Fixed; we are monitoring.");
    CHECK(open[0].updates[1].text == "We are looking into it.");
    w.in(checkout, "resolve");
    auto page = w.page();
    CHECK(page.open.empty());
    REQUIRE(page.resolved.size() == 1);
    CHECK(page.resolved[0].current == stage::resolved);
    CHECK(page.overall == public_status::operational);
    w.now += days{7} + minutes{1};
    CHECK(w.page().resolved.empty());
}

TEST_CASE("status page: the HTML of a small page, everything escaped") {
    status_page page{
        .name = "Acme <Ops>", .generated_at = nine, .overall = public_status::degraded_performance};
    page.components = {{.name = "checkout",
                        .description = "Cart & checkout",
                        .status = public_status::degraded_performance}};
    commands::public_incident i{.id = 3,
                                .title = "Slow <script>alert(1)</script> \"pay\"",
                                .service = "checkout",
                                .current = stage::identified,
                                .status = public_status::degraded_performance,
                                .declared_at = nine - minutes{45}};
    i.updates = {{nine - minutes{5}, "Rolling back.\nIt's going well."}};
    page.open = {i};
    std::string html = commands::status_page_html(page);
    CHECK(
        html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                         "<meta name=\"viewport\" content=\"width=device-width, "
                         "initial-scale=1\">\n<title>Acme &lt;Ops&gt; status</title>\n<style>\n"));
    CHECK(html.find("<script") == std::string::npos);
    CHECK(body_of(html) ==
          "<body>\n<header>\n<h1>Acme &lt;Ops&gt; status</h1>\n"
          "<p class=\"overall degraded_performance\">Degraded performance</p>\n</header>\n<main>\n"
          "<section aria-labelledby=\"components\">\n<h2 id=\"components\">Components</h2>\n"
          "<ul class=\"components\">\n"
          "<li><span><strong>checkout</strong><br>Cart &amp; checkout</span> "
          "<span class=\"status degraded_performance\">Degraded performance</span></li>\n"
          "</ul>\n</section>\n"
          "<section aria-labelledby=\"open\">\n<h2 id=\"open\">Open incidents</h2>\n<article>\n"
          "<h3>Slow &lt;script&gt;alert(1)&lt;/script&gt; &quot;pay&quot;</h3>\n"
          "<p class=\"meta\">Identified · <span class=\"status degraded_performance\">Degraded "
          "performance</span> · checkout<br>Started <time datetime=\"2026-03-24T08:15:00Z\">"
          "2026-03-24 08:15 UTC</time></p>\n"
          "<ol class=\"updates\">\n"
          "<li><time datetime=\"2026-03-24T08:55:00Z\">2026-03-24 08:55 UTC</time>Rolling back.\n"
          "It&#39;s going well.</li>\n</ol>\n</article>\n</section>\n"
          "<section aria-labelledby=\"resolved\">\n"
          "<h2 id=\"resolved\">Resolved in the last 7 days</h2>\n"
          "<p>No incidents in the last 7 days.</p>\n</section>\n</main>\n<footer>\n"
          "<p>Updated <time datetime=\"2026-03-24T09:00:00Z\">2026-03-24 09:00 UTC</time>. Also "
          "as <a href=\"status.json\">JSON</a>.</p>\n</footer>\n</body>\n</html>\n");
}
