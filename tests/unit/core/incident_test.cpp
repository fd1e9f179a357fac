#include "core/incident.hpp"
#include "core/public_status.hpp"
#include "core/severity.hpp"

#include <doctest/doctest.h>

using namespace siren;

TEST_CASE("the IC owns the incident") {
    incident i;
    i.roles[role::ic] = "alice";
    CHECK(owner(i) == "alice");
    i.roles[role::ic] = "bob";
    CHECK(owner(i) == "bob");
}

TEST_CASE("an unfilled role's duties stay with the role before it, up to the IC") {
    incident i;
    i.roles[role::ic] = "alice";
    for (role r : all_roles)
        CHECK(duty_holder(i, r) == "alice");
    CHECK_FALSE(is_filled(i, role::tl));

    i.roles[role::tl] = "bob";
    CHECK(duty_holder(i, role::tl) == "bob");
    CHECK(duty_holder(i, role::cl) == "bob");
    CHECK(duty_holder(i, role::em) == "bob");

    i.roles[role::em] = "dave";
    CHECK(duty_holder(i, role::cl) == "bob");
    CHECK(duty_holder(i, role::em) == "dave");

    i.roles[role::cl] = "";
    CHECK_FALSE(is_filled(i, role::cl));
    CHECK(duty_holder(i, role::cl) == "bob");
}

TEST_CASE("an incident is open until resolved") {
    incident i;
    for (stage s : all_stages) {
        i.current = s;
        CHECK(is_open(i) == (s != stage::resolved && s != stage::closed));
    }
}

TEST_CASE("severity, role and public status names parse back") {
    for (severity s : all_severities)
        CHECK(parse_severity(to_string(s)) == s);
    CHECK(parse_severity("s3") == severity::s3);
    CHECK_FALSE(parse_severity("S5"));
    CHECK_FALSE(parse_severity("P1"));
    CHECK_FALSE(parse_severity("S"));

    for (role r : all_roles) {
        CHECK(parse_role(to_key(r)) == r);
        CHECK(parse_role(to_string(r)) == r);
    }
    CHECK(parse_role("Commander") == role::ic);
    CHECK_FALSE(parse_role("boss"));

    for (public_status p : all_public_statuses) {
        CHECK(parse_public_status(to_key(p)) == p);
        CHECK(parse_public_status(to_string(p)) == p);
    }
    CHECK(parse_public_status("Degraded-Performance") == public_status::degraded_performance);
    CHECK(parse_public_status("outage") == public_status::service_disruption);
    CHECK_FALSE(parse_public_status("fine"));
}
