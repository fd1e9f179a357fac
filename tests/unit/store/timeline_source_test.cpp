#include "store_test_support.hpp"

#include <doctest/doctest.h>

using namespace siren;
using namespace siren::store;
using namespace siren::store::testing;

namespace {

decision copied(incident_id id, std::string source, std::string text) {
    decision d;
    d.timeline.push_back({.incident = id,
                          .at = t0 + minutes{3},
                          .actor = "dave",
                          .kind = entry_kind::message,
                          .text = std::move(text),
                          .source = std::move(source)});
    return d;
}

} // namespace

TEST_CASE("store: a copied message keeps its source, and a source is stored once") {
    auto store = open_memory();
    must_commit(*store, declare(sample_incident(1, "incident-20260324-orderbook")), "env-1", t0);
    must_commit(*store, copied(1, "C001/1774340280.000100", "said: prices lag"), "Ev1", t0);
    must_commit(*store, copied(1, "C001/1774340290.000100", "said: cache is cold"), "Ev2", t0);

    auto entries = store->timeline(1);
    REQUIRE(entries.size() == 3);
    CHECK(entries[0].source.empty()); // the declaration copies nothing
    CHECK(entries[1].kind == entry_kind::message);
    CHECK(entries[1].source == "C001/1774340280.000100");
    CHECK(entries[1].actor == "dave");
    CHECK(entries[2].source == "C001/1774340290.000100");

    // The decision never asks twice (it reads the timeline first); if it did, the store would
    // refuse the whole decision rather than keep a second copy.
    auto again = store->commit(copied(1, "C001/1774340280.000100", "said: prices lag"), "Ev3", t0);
    CHECK_FALSE(again.has_value());
    CHECK(store->timeline(1).size() == 3);
    CHECK_FALSE(store->seen_envelope("Ev3"));
}
