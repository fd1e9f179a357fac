// Intake webhooks as pure functions: tokens, HackerOne's and Intercom's signatures, each
// preset's payload, delivery ids.

#include "adapters/hmac.hpp"
#include "adapters/intake/intake_webhook.hpp"

#include <doctest/doctest.h>

using namespace siren;

namespace {

template <class Digest>
std::string hex(const Digest& d) {
    constexpr std::string_view digits = "0123456789abcdef";
    std::string out;
    for (unsigned char b : d) {
        out += digits[b >> 4];
        out += digits[b & 0xf];
    }
    return out;
}

constexpr std::string_view triaged = R"({"data":{"activity":{"type":"activity-bug-triaged"},
  "report":{"id":"1337","type":"report","attributes":{"title":"XSS in search","state":"triaged",
  "vulnerability_information":"Steps: ..."},"relationships":{"severity":{"data":{"type":"severity",
  "attributes":{"rating":"critical"}}}}}}})";

constexpr std::string_view tagged = R"({"type":"notification_event","app_id":"abc",
  "topic":"conversation_part.tag.created","id":"notif_1","data":{"type":"notification_event_data",
  "item":{"type":"conversation","id":"4242","title":null,"source":{"type":"conversation",
  "subject":"","body":"<p>The cart is <b>empty</b> after login</p>"},
  "tags":{"type":"tag.list","tags":[{"type":"tag","id":"1","name":"VIP"},{"type":"tag","id":"2","name":"Bug"}]}}}})";

template <class Result>
bool ok(const Result& r) {
    return r.has_value();
}

} // namespace

TEST_CASE("intake: bearer tokens are compared whole") {
    CHECK(ok(intake::verify_bearer("Bearer s3cret", "s3cret")));
    CHECK(ok(intake::verify_bearer("bearer s3cret", "s3cret")));
    CHECK_FALSE(ok(intake::verify_bearer("Bearer s3cre", "s3cret")));
    CHECK_FALSE(ok(intake::verify_bearer("", "s3cret")));
    CHECK_FALSE(ok(intake::verify_bearer("Bearer ", "")));
    auto refused = intake::verify_bearer("Bearer wrong", "s3cret");
    REQUIRE_FALSE(ok(refused));
    CHECK(refused.error().find("s3cret") == std::string::npos);
}

TEST_CASE("intake: HackerOne's and Intercom's signatures") {
    std::string body(triaged);
    std::string h1 = "sha256=" + hex(*adapters::hmac_sha256("h1-secret", body));
    CHECK(ok(intake::verify_hackerone_signature(h1, body, "h1-secret")));
    CHECK_FALSE(ok(intake::verify_hackerone_signature(h1, body + " ", "h1-secret")));
    CHECK_FALSE(ok(intake::verify_hackerone_signature(h1, body, "other")));
    CHECK_FALSE(ok(intake::verify_hackerone_signature("", body, "h1-secret")));
    CHECK_FALSE(ok(intake::verify_hackerone_signature("sha256=zz", body, "h1-secret")));

    std::string ic = "sha1=" + hex(*adapters::hmac_sha1("client-secret", tagged));
    CHECK(ok(intake::verify_intercom_signature(ic, tagged, "client-secret")));
    CHECK_FALSE(ok(intake::verify_intercom_signature(ic, "{}", "client-secret")));
    CHECK_FALSE(ok(intake::verify_intercom_signature(h1, tagged, "client-secret")));
}

TEST_CASE("intake: the generic payload") {
    auto read = intake::parse_generic(
        R"({"title":"Checkout down","severity":"S1","description":"500s","link":"https://x/1","dedup_key":"k1","extra":1})");
    REQUIRE(ok(read));
    REQUIRE(read->item);
    CHECK(read->item->title == "Checkout down");
    CHECK(read->item->severity == "S1");
    CHECK(read->item->link == "https://x/1");
    CHECK(read->item->dedup_key == "k1");

    auto minimal = intake::parse_generic(R"({"title":"x","severity":null})");
    REQUIRE(ok(minimal));
    CHECK(minimal->item->severity.empty());

    for (std::string_view bad : {R"([1])", R"({"title":" "})", R"({"title":3})", "not json",
                                 R"({"title":"x","link":["a"]})"}) {
        auto refused = intake::parse_generic(bad);
        REQUIRE_FALSE(ok(refused));
        CHECK(refused.error().starts_with("the payload "));
    }
    CHECK_FALSE(ok(intake::parse_generic(std::string(intake::max_payload_bytes + 1, ' '))));
}

TEST_CASE("intake: HackerOne reports, triaged ones only") {
    auto read = intake::parse_hackerone("report_triaged", triaged);
    REQUIRE(ok(read));
    REQUIRE(read->item);
    CHECK(read->item->title == "XSS in search");
    CHECK(read->item->severity == "S1");
    CHECK(read->item->description == "Steps: ...");
    CHECK(read->item->link == "https://hackerone.com/reports/1337");
    CHECK(read->item->dedup_key == "hackerone-1337");

    auto by_state = intake::parse_hackerone("", triaged);
    REQUIRE(ok(by_state));
    CHECK(by_state->item);

    auto created = intake::parse_hackerone("report_created", triaged);
    REQUIRE(ok(created));
    CHECK_FALSE(created->item);
    CHECK(created->ignored.find("report_created") != std::string::npos);

    CHECK_FALSE(ok(intake::parse_hackerone("report_triaged", R"({"data":{}})")));
    CHECK_FALSE(
        ok(intake::parse_hackerone("report_triaged", R"({"data":{"report":{"id":"a b"}}})")));
}

TEST_CASE("intake: Intercom conversations tagged as bugs") {
    auto read = intake::parse_intercom(tagged, "bug");
    REQUIRE(ok(read));
    REQUIRE(read->item);
    CHECK(read->item->title == "The cart is  empty  after login");
    CHECK(read->item->dedup_key == "intercom-4242");

    auto other_tag = intake::parse_intercom(tagged, "billing");
    REQUIRE(ok(other_tag));
    CHECK_FALSE(other_tag->item);

    auto ping =
        intake::parse_intercom(R"({"type":"notification_event","topic":"ping","data":{}})", "bug");
    REQUIRE(ok(ping));
    CHECK_FALSE(ping->item);
    CHECK_FALSE(ok(intake::parse_intercom(R"({"topic":"conversation.user.created"})", "bug")));
}

TEST_CASE("intake: delivery ids follow the dedup key, else the body") {
    intake_item a{.title = "x", .dedup_key = "k1"};
    intake_item b{.title = "y", .dedup_key = "k1"};
    CHECK(intake::delivery_id("s", a, "one") == intake::delivery_id("s", b, "two"));
    CHECK(intake::delivery_id("s", a, "one") != intake::delivery_id("t", a, "one"));
    intake_item keyless{.title = "x"};
    CHECK(intake::delivery_id("s", keyless, "one") == intake::delivery_id("s", keyless, "one"));
    CHECK(intake::delivery_id("s", keyless, "one") != intake::delivery_id("s", keyless, "two"));
    CHECK(intake::delivery_id("s", a, "").starts_with("intake/s/"));
}
