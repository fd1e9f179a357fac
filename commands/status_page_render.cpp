// The status page as HTML (status_page_render.hpp).

#include "commands/status_page_render.hpp"

#include "commands/text.hpp"

namespace siren::commands {

namespace {

constexpr std::string_view style =
    R"(body{font-family:system-ui,sans-serif;margin:0 auto;max-width:46rem;padding:1rem;line-height:1.5;color:#1a1a1a;background:#fff}
h1{font-size:1.6rem;margin:.5rem 0}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #ccc}h3{font-size:1.1rem;margin:0}
.overall{font-weight:bold;padding:.75rem 1rem;border-radius:.4rem;border-left:.4rem solid}
ul.components{list-style:none;padding:0}ul.components li{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.5rem;padding:.5rem 0;border-bottom:1px solid #eee}
article{margin:1rem 0;padding:.75rem 1rem;border:1px solid #ccc;border-radius:.4rem}.meta{margin:.25rem 0;color:#444}
ol.updates{list-style:none;padding:0;margin:.5rem 0 0}ol.updates li{margin:.5rem 0;white-space:pre-line}time{font-weight:bold}ol.updates time{margin-right:.5rem}
.operational{color:#0a6b2c;border-color:#0a6b2c}.degraded_performance{color:#7a5300;border-color:#b07a00}
.partial_service_disruption{color:#9c3d00;border-color:#d65a00}.service_disruption,.security_issue{color:#a1001e;border-color:#a1001e})";

// "Partial service disruption"
std::string capitalized(std::string_view words) {
    std::string text(words);
    if (!text.empty() && text.front() >= 'a' && text.front() <= 'z')
        text.front() = static_cast<char>(text.front() - 'a' + 'A');
    return text;
}

std::string status_span(public_status s) {
    return "<span class=\"status " + std::string(to_key(s)) + "\">" + capitalized(to_string(s)) +
           "</span>";
}

std::string time_tag(time_point t) {
    return "<time datetime=\"" + to_iso8601(t) + "\">" + format_local(t, "UTC") + "</time>";
}

std::string overall(const status_page& page) {
    std::string words = page.overall == public_status::operational
                            ? "All systems operational"
                            : capitalized(to_string(page.overall));
    return "<p class=\"overall " + std::string(to_key(page.overall)) + "\">" + words + "</p>\n";
}

std::string components(const status_page& page) {
    if (page.components.empty())
        return "";
    std::string html = "<section aria-labelledby=\"components\">\n<h2 "
                       "id=\"components\">Components</h2>\n<ul class=\"components\">\n";
    for (const component& c : page.components) {
        html += "<li><span><strong>" + html_escape(c.name) + "</strong>";
        if (!c.description.empty())
            html += "<br>" + html_escape(c.description);
        html += "</span> " + status_span(c.status) + "</li>\n";
    }
    return html + "</ul>\n</section>\n";
}

std::string incident_article(const public_incident& i) {
    std::string html = "<article>\n<h3>" + html_escape(i.title) + "</h3>\n<p class=\"meta\">" +
                       capitalized(to_string(i.current)) + " · " + status_span(i.status);
    if (!i.service.empty())
        html += " · " + html_escape(i.service);
    html += "<br>Started " + time_tag(i.declared_at);
    if (i.resolved_at)
        html += ", resolved " + time_tag(*i.resolved_at);
    html += "</p>\n";
    if (!i.updates.empty()) {
        html += "<ol class=\"updates\">\n";
        for (const public_update& u : i.updates)
            html += "<li>" + time_tag(u.at) + html_escape(u.text) + "</li>\n";
        html += "</ol>\n";
    }
    return html + "</article>\n";
}

std::string incidents(std::string_view id, std::string_view heading,
                      const std::vector<public_incident>& list, std::string_view when_none) {
    std::string html = "<section aria-labelledby=\"" + std::string(id) + "\">\n<h2 id=\"" +
                       std::string(id) + "\">" + std::string(heading) + "</h2>\n";
    if (list.empty())
        html += "<p>" + std::string(when_none) + "</p>\n";
    for (const public_incident& i : list)
        html += incident_article(i);
    return html + "</section>\n";
}

} // namespace

std::string status_page_html(const status_page& page) {
    std::string name = html_escape(page.name);
    std::string recently = std::to_string(status_page_recent.count()) + " days";
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
           name + " status</title>\n<style>\n" + std::string(style) +
           "\n</style>\n</head>\n<body>\n<header>\n<h1>" + name + " status</h1>\n" + overall(page) +
           "</header>\n<main>\n" + components(page) +
           incidents("open", "Open incidents", page.open, "No open incidents.") +
           incidents("resolved", "Resolved in the last " + recently, page.resolved,
                     "No incidents in the last " + recently + ".") +
           "</main>\n<footer>\n<p>Updated " + time_tag(page.generated_at) +
           ". Also as <a href=\"status.json\">JSON</a>.</p>\n</footer>\n</body>\n</html>\n";
}

} // namespace siren::commands
