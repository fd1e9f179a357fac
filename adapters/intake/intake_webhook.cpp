#include "adapters/intake/intake_webhook.hpp"

#include "adapters/bearer_token.hpp"
#include "adapters/hex.hpp"
#include "adapters/hmac.hpp"
#include "adapters/json/json_access.hpp"

#include <algorithm>
#include <cctype>

namespace siren::intake {

namespace {

using adapters::json_access::json;

// Keys the digests below, keeping them apart from any other use of HMAC-SHA256.
constexpr std::string_view delivery_key = "siren intake delivery";
// Longer dedup keys and ids are refused: they name something, they are not documents.
constexpr std::size_t max_key_bytes = 200;

outcome<reading> malformed(std::string why) {
    return outcome<reading>(boost::system::in_place_error, "the payload " + std::move(why));
}

// An optional text member: absent or null reads as empty; anything else but a string is an error.
outcome<std::string> optional_text(const json& object, std::string_view key) {
    auto it = object.find(std::string(key));
    if (it == object.end() || it->is_null())
        return outcome<std::string>(boost::system::in_place_value);
    if (!it->is_string())
        return outcome<std::string>(boost::system::in_place_error,
                                    "field " + std::string(key) + " is not text");
    return outcome<std::string>(boost::system::in_place_value, it->get<std::string>());
}

// A JSON id, written as a string or a whole number.
std::string id_text(const json* value) {
    if (!value)
        return {};
    if (value->is_string())
        return value->get<std::string>();
    if (value->is_number_integer() || value->is_number_unsigned())
        return value->dump();
    return {};
}

bool is_plain_id(std::string_view id) {
    return !id.empty() && id.size() <= max_key_bytes &&
           std::all_of(id.begin(), id.end(), [](char c) {
               return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
           });
}

// Intercom's message bodies are HTML: the text without tags, entities left as they are.
std::string without_tags(std::string_view html) {
    std::string out;
    bool in_tag = false;
    for (char c : html) {
        if (c == '<')
            in_tag = true;
        else if (c == '>' && in_tag) {
            in_tag = false;
            out += ' ';
        } else if (!in_tag)
            out += c;
    }
    return out;
}

std::string trimmed(std::string_view text) {
    auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos)
        return {};
    auto last = text.find_last_not_of(" \t\r\n");
    return std::string(text.substr(first, last - first + 1));
}

template <class Digest>
outcome<> check_signature(std::string_view header, std::string_view prefix, const Digest& expected,
                          std::string_view sender) {
    if (header.empty())
        return refuse("the request carries no " + std::string(sender) + " signature");
    if (adapters::equal_ignoring_case(header.substr(0, prefix.size()), prefix))
        header.remove_prefix(prefix.size());
    auto given = adapters::parse_hex<std::tuple_size_v<Digest>>(header);
    if (!given)
        return refuse("the " + std::string(sender) + " signature is not " + std::string(prefix) +
                      " and hexadecimal digits");
    if (!adapters::same_digest(*given, expected))
        return refuse("the " + std::string(sender) + " signature does not match the body");
    return {};
}

} // namespace

outcome<> verify_bearer(std::string_view authorization_header, std::string_view expected) {
    return adapters::verify_bearer(authorization_header, expected);
}

outcome<> verify_hackerone_signature(std::string_view header, std::string_view body,
                                     std::string_view secret) {
    if (secret.empty())
        return refuse("no HackerOne secret is configured");
    auto expected = adapters::hmac_sha256(secret, body);
    if (!expected)
        return refuse("the HackerOne signature could not be checked");
    return check_signature(header, "sha256=", *expected, "HackerOne");
}

outcome<> verify_intercom_signature(std::string_view header, std::string_view body,
                                    std::string_view secret) {
    if (secret.empty())
        return refuse("no Intercom secret is configured");
    auto expected = adapters::hmac_sha1(secret, body);
    if (!expected)
        return refuse("the Intercom signature could not be checked");
    return check_signature(header, "sha1=", *expected, "Intercom");
}

outcome<reading> parse_generic(std::string_view body) {
    if (body.size() > max_payload_bytes)
        return malformed("is larger than 512 KiB");
    auto root = adapters::json_access::parse_object(body);
    if (!root)
        return malformed("is not a JSON object");
    intake_item item;
    struct field {
        std::string_view key;
        std::string* to;
    };
    for (const field& f : {field{"title", &item.title}, field{"severity", &item.severity},
                           field{"description", &item.description}, field{"link", &item.link},
                           field{"dedup_key", &item.dedup_key}}) {
        auto read = optional_text(*root, f.key);
        if (!read)
            return malformed(read.error());
        *f.to = std::move(*read);
    }
    if (trimmed(item.title).empty())
        return malformed("has no title (a text naming what happened)");
    if (item.dedup_key.size() > max_key_bytes)
        return malformed("has a dedup_key longer than 200 bytes");
    return reading{.item = std::move(item)};
}

outcome<reading> parse_hackerone(std::string_view event, std::string_view body) {
    if (body.size() > max_payload_bytes)
        return malformed("is larger than 512 KiB");
    auto root = adapters::json_access::parse_object(body);
    if (!root)
        return malformed("is not a JSON object");
    const json* report = adapters::json_access::find(*root, {"data", "report"});
    if (!report || !report->is_object())
        return malformed("has no data.report: it is not a HackerOne report webhook");
    std::string id = id_text(report->contains("id") ? &(*report)["id"] : nullptr);
    if (!is_plain_id(id))
        return malformed("has no data.report.id of letters and digits");
    std::string state = adapters::json_access::text_at(*report, {"attributes", "state"});
    bool triaged = event.empty() ? state == "triaged" : event == "report_triaged";
    if (!triaged)
        return reading{.ignored = "HackerOne " +
                                  (event.empty() ? "report in state " + state.substr(0, 40)
                                                 : "event " + std::string(event.substr(0, 60))) +
                                  ": siren acts on triaged reports only"};
    intake_item item;
    item.title = adapters::json_access::text_at(*report, {"attributes", "title"});
    if (trimmed(item.title).empty())
        item.title = "HackerOne report " + id;
    item.description =
        adapters::json_access::text_at(*report, {"attributes", "vulnerability_information"});
    std::string rating = adapters::json_access::text_at(
        *report, {"relationships", "severity", "data", "attributes", "rating"});
    if (rating == "critical")
        item.severity = "S1";
    else if (rating == "high")
        item.severity = "S2";
    else if (rating == "medium")
        item.severity = "S3";
    else if (rating == "low" || rating == "none")
        item.severity = "S4";
    item.link = "https://hackerone.com/reports/" + id;
    item.dedup_key = "hackerone-" + id;
    return reading{.item = std::move(item)};
}

outcome<reading> parse_intercom(std::string_view body, std::string_view tag) {
    if (body.size() > max_payload_bytes)
        return malformed("is larger than 512 KiB");
    auto root = adapters::json_access::parse_object(body);
    if (!root)
        return malformed("is not a JSON object");
    auto topic = optional_text(*root, "topic");
    if (!topic)
        return malformed(topic.error());
    if (topic->empty())
        return malformed("has no topic: it is not an Intercom notification");
    if (!topic->starts_with("conversation"))
        return reading{.ignored = "Intercom topic " + topic->substr(0, 60) +
                                  ": siren acts on tagged conversations only"};
    const json* item_json = adapters::json_access::find(*root, {"data", "item"});
    if (!item_json || !item_json->is_object())
        return malformed("has no data.item");
    std::string id = id_text(item_json->contains("id") ? &(*item_json)["id"] : nullptr);
    if (!is_plain_id(id))
        return malformed("has no data.item.id of letters and digits");
    bool tagged = false;
    if (const json* tags = adapters::json_access::find(*item_json, {"tags"})) {
        const json* list = tags->is_array() ? tags : adapters::json_access::find(*tags, {"tags"});
        if (list && list->is_array())
            for (const json& t : *list)
                if (t.is_object() &&
                    adapters::equal_ignoring_case(adapters::json_access::text_at(t, {"name"}), tag))
                    tagged = true;
    }
    if (!tagged)
        return reading{.ignored = "Intercom conversation " + id + " is not tagged " +
                                  std::string(tag.substr(0, 60))};
    intake_item item;
    std::string message =
        trimmed(without_tags(adapters::json_access::text_at(*item_json, {"source", "body"})));
    item.title = trimmed(adapters::json_access::text_at(*item_json, {"title"}));
    if (item.title.empty())
        item.title = trimmed(
            without_tags(adapters::json_access::text_at(*item_json, {"source", "subject"})));
    if (item.title.empty())
        item.title = message.empty() ? "Intercom conversation " + id : message;
    if (item.title != message) // the first message is the title when there is nothing better
        item.description = message;
    item.dedup_key = "intercom-" + id;
    return reading{.item = std::move(item)};
}

std::string delivery_id(std::string_view source, const intake_item& item, std::string_view body) {
    std::string text =
        item.dedup_key.empty() ? "body\n" + std::string(body) : "key\n" + item.dedup_key;
    auto digest = adapters::hmac_sha256(delivery_key, text);
    // OpenSSL failing leaves a digest-free id: the key itself, or nothing to recognise a body by.
    return "intake/" + std::string(source) + "/" +
           (digest ? adapters::to_hex(*digest) : item.dedup_key.substr(0, max_key_bytes));
}

} // namespace siren::intake
