#include "store/effect_codec.hpp"
#include "store_test_support.hpp"

#include <doctest/doctest.h>

using namespace siren;
using namespace siren::store;
using namespace siren::store::testing;

TEST_CASE("store: a mirror_status effect survives the outbox codec") {
    mirror_status e{.incident = 12,
                    .title = "Checkout returns 500",
                    .service = "checkout",
                    .current = stage::identified,
                    .status = public_status::service_disruption,
                    .update = "A bad deploy; rolling back."};
    auto decoded = decode_effect(encode_effect(e));
    REQUIRE(decoded.has_value());
    const auto& back = std::get<mirror_status>(*decoded);
    CHECK(back.incident == 12);
    CHECK(back.title == e.title);
    CHECK(back.service == "checkout");
    CHECK(back.current == stage::identified);
    CHECK(back.status == public_status::service_disruption);
    CHECK(back.update == e.update);
    CHECK(kind_of(e) == "mirror_status");
    CHECK(is_mirroring_status(e));
    CHECK_FALSE(is_tracking(e));

    CHECK_FALSE(decode_effect(R"({"kind":"mirror_status","incident":1,"title":"x","service":"",)"
                              R"("stage":"resolved","status":"on fire","update":""})")
                    .has_value());
}

TEST_CASE("store: the hosted status page has its own lane") {
    auto store = open_memory();
    decision d = declare(sample_incident(1, "incident-1"));
    d.effects.push_back(mirror_status{.incident = 1,
                                      .title = "orderbook returns stale prices",
                                      .service = "orderbook",
                                      .current = stage::declared,
                                      .status = public_status::partial_service_disruption});
    must_commit(*store, d, "a", t0);
    auto due = store->due_effects(t0, 10);
    REQUIRE(due.size() == 2); // the channel's head and the status page's
    CHECK(std::holds_alternative<create_channel>(due[0].action));
    CHECK(std::holds_alternative<mirror_status>(due[1].action));
    // A status page that keeps failing holds back nothing of the channel's.
    store->mark_retry(due[1].id, t0 + minutes(5), "Statuspage: HTTP 503", true);
    store->mark_done(due[0].id, t0);
    auto next = store->due_effects(t0, 10);
    REQUIRE(next.size() == 1);
    CHECK(std::holds_alternative<invite_users>(next[0].action));
}

TEST_CASE("store: a hosted incident is recorded once and belongs to one incident") {
    auto store = open_memory();
    must_commit(*store, declare(sample_incident(1, "incident-1")), "a", t0);
    must_commit(*store, declare(sample_incident(2, "incident-2")), "b", t0);
    CHECK_FALSE(store->status_incident(1).has_value());
    CHECK_FALSE(store->knows_status_incident("p31zjtct2jer"));
    store->record_status_incident(1, "p31zjtct2jer");
    store->record_status_incident(1, "zzzzzzzzzzzz"); // kept: the first
    CHECK(store->status_incident(1) == std::optional<std::string>("p31zjtct2jer"));
    CHECK(store->knows_status_incident("p31zjtct2jer"));
    store->record_status_incident(2, "p31zjtct2jer"); // another incident's: not taken
    CHECK_FALSE(store->status_incident(2).has_value());
}
