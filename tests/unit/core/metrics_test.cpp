#include "core/metrics.hpp"

#include <limits>
#include <stdexcept>

#include <doctest/doctest.h>

using namespace siren;
using namespace siren::metrics;

TEST_CASE("metrics: a small registry renders exactly as Prometheus 0.0.4 expects") {
    registry r;
    auto& received =
        r.add_counter("siren_envelopes_received_total", "Envelopes received.", {"type"});
    auto& reconnects = r.add_counter("siren_socket_reconnects_total", "Reconnections.");
    auto& ack = r.add_histogram("siren_envelope_ack_seconds", "Receipt to ack.", {"type"},
                                {0.0005, 0.01, 3});
    r.add_gauge_from("siren_open_incidents", "Open incidents.", {"severity"}, [] {
        return std::vector<sample>{{.labels = {"S2"}, .value = 0}, {.labels = {"S1"}, .value = 2}};
    });

    received.with({"slash_commands"}).inc();
    received.with({"events_api"}).inc(2);
    received.with({"slash_commands"}).inc();
    ack.with({"slash_commands"}).observe(0.0005); // le is inclusive
    ack.with({"slash_commands"}).observe(0.002);
    ack.with({"slash_commands"}).observe(4);

    CHECK(r.render() == R"(# HELP siren_envelopes_received_total Envelopes received.
# TYPE siren_envelopes_received_total counter
siren_envelopes_received_total{type="events_api"} 2
siren_envelopes_received_total{type="slash_commands"} 2
# HELP siren_socket_reconnects_total Reconnections.
# TYPE siren_socket_reconnects_total counter
siren_socket_reconnects_total 0
# HELP siren_envelope_ack_seconds Receipt to ack.
# TYPE siren_envelope_ack_seconds histogram
siren_envelope_ack_seconds_bucket{type="slash_commands",le="0.0005"} 1
siren_envelope_ack_seconds_bucket{type="slash_commands",le="0.01"} 2
siren_envelope_ack_seconds_bucket{type="slash_commands",le="3"} 2
siren_envelope_ack_seconds_bucket{type="slash_commands",le="+Inf"} 3
siren_envelope_ack_seconds_sum{type="slash_commands"} 4.0025
siren_envelope_ack_seconds_count{type="slash_commands"} 3
# HELP siren_open_incidents Open incidents.
# TYPE siren_open_incidents gauge
siren_open_incidents{severity="S1"} 2
siren_open_incidents{severity="S2"} 0
)");
    reconnects.with({}).inc();
    CHECK(reconnects.with({}).value() == 1);
}

TEST_CASE("metrics: a histogram without labels starts at zero in every bucket") {
    registry r;
    r.add_histogram("latency_seconds", "Latency.", {}, {1, 2.5});
    CHECK(r.render() == R"(# HELP latency_seconds Latency.
# TYPE latency_seconds histogram
latency_seconds_bucket{le="1"} 0
latency_seconds_bucket{le="2.5"} 0
latency_seconds_bucket{le="+Inf"} 0
latency_seconds_sum 0
latency_seconds_count 0
)");
}

TEST_CASE("metrics: label values and help are escaped") {
    registry r;
    auto& c = r.add_counter("odd_total", "Backslash \\ and\nnewline; \"quotes\" stay.", {"v"});
    c.with({"a\\b\"c\nd"}).inc();
    CHECK(r.render() == "# HELP odd_total Backslash \\\\ and\\nnewline; \"quotes\" stay.\n"
                        "# TYPE odd_total counter\n"
                        "odd_total{v=\"a\\\\b\\\"c\\nd\"} 1\n");
}

TEST_CASE("metrics: a family with labels and no children yet shows only its help and type") {
    registry r;
    r.add_counter("siren_commands_total", "Commands.", {"command", "result"});
    r.add_gauge_from("siren_slack_socket_connected", "Connected.", {},
                     [] { return std::vector<sample>{}; });
    CHECK(r.render() == R"(# HELP siren_commands_total Commands.
# TYPE siren_commands_total counter
# HELP siren_slack_socket_connected Connected.
# TYPE siren_slack_socket_connected gauge
)");
}

TEST_CASE("metrics: a counter read at scrape time is typed counter") {
    registry r;
    r.add_counter_from("pages_acknowledged_total", "Pages.", {"provider"},
                       [] { return std::vector<sample>{{.labels = {"pagerduty"}, .value = 3}}; });
    CHECK(r.render() == R"(# HELP pages_acknowledged_total Pages.
# TYPE pages_acknowledged_total counter
pages_acknowledged_total{provider="pagerduty"} 3
)");
}

TEST_CASE("metrics: values are written in forms Prometheus parses") {
    CHECK(format_value(0) == "0");
    CHECK(format_value(42) == "42");
    CHECK(format_value(0.0005) == "0.0005");
    CHECK(format_value(0.1) == "0.1");
    CHECK(format_value(1.5e-7) == "1.5e-07");
    CHECK(format_value(100000) == "100000");
    CHECK(format_value(1774340100) == "1.7743401e+09");
    CHECK(format_value(0.1 + 0.2) == "0.30000000000000004");
    CHECK(format_value(std::numeric_limits<double>::infinity()) == "+Inf");
    CHECK(format_value(-std::numeric_limits<double>::infinity()) == "-Inf");
    CHECK(format_value(std::numeric_limits<double>::quiet_NaN()) == "NaN");
}

TEST_CASE("metrics: mistakes in declaring or using a family are refused") {
    registry r;
    CHECK_THROWS_AS(r.add_counter("9lives_total", "Bad name."), std::invalid_argument);
    CHECK_THROWS_AS(r.add_counter("a-b_total", "Bad name."), std::invalid_argument);
    CHECK_THROWS_AS(r.add_counter("x_total", "Bad label.", {"__reserved"}), std::invalid_argument);
    CHECK_THROWS_AS(r.add_counter("y_total", "Twice.", {"a", "a"}), std::invalid_argument);
    CHECK_THROWS_AS(r.add_histogram("h_seconds", "le is the bucket's.", {"le"}, {1}),
                    std::invalid_argument);
    CHECK_THROWS_AS(r.add_histogram("h_seconds", "Unsorted.", {}, {2, 1}), std::invalid_argument);

    auto& c = r.add_counter("ok_total", "Fine.", {"kind"});
    CHECK_THROWS_AS(r.add_counter("ok_total", "Again."), std::invalid_argument);
    CHECK_THROWS_AS(c.with({}), std::invalid_argument);
    CHECK_THROWS_AS(c.with({"a", "b"}), std::invalid_argument);
    CHECK_THROWS_AS(c.with({"a"}).inc(-1), std::invalid_argument);

    r.add_gauge_from("dup", "One series twice.", {"k"}, [] {
        return std::vector<sample>{{.labels = {"x"}, .value = 1}, {.labels = {"x"}, .value = 2}};
    });
    CHECK_THROWS_AS(r.render(), std::logic_error);
}
