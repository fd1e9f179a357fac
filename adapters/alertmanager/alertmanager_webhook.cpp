#include "adapters/alertmanager/alertmanager_webhook.hpp"

#include "adapters/bearer_token.hpp"
#include "adapters/hex.hpp"
#include "adapters/hmac.hpp"
#include "adapters/json/json_access.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>

namespace siren::alertmanager {

namespace {

using adapters::json_access::json;

// Keys the digests below: hashing with HMAC reuses the one digest siren already links, and the
// key keeps these digests apart from any other use of it.
constexpr std::string_view delivery_key = "siren alertmanager delivery";

outcome<alert_group> malformed(std::string why) {
    return outcome<alert_group>(boost::system::in_place_error,
                                "the Alertmanager payload " + std::move(why));
}

std::string_view kind_of(const json& value) {
    switch (value.type()) {
    case json::value_t::null:
        return "null";
    case json::value_t::object:
        return "an object";
    case json::value_t::array:
        return "a list";
    case json::value_t::string:
        return "a string";
    case json::value_t::boolean:
        return "a boolean";
    default:
        return "a number";
    }
}

// Reads one payload, stopping at the first problem, which it words with the field's path
// ("alerts[1].labels.severity").
class reader {
public:
    const std::string& problem() const { return problem_; }
    bool failed() const { return !problem_.empty(); }

    const json* member(const json& object, std::string_view key, std::string_view path,
                       bool required) {
        auto it = object.find(key);
        if (it == object.end() || it->is_null()) {
            if (required)
                fail("has no " + std::string(path));
            return nullptr;
        }
        return &*it;
    }

    std::string text(const json& object, std::string_view key, std::string_view path,
                     bool required) {
        const json* value = member(object, key, path, required);
        if (!value)
            return {};
        if (!value->is_string()) {
            fail(wrong_type(path, *value, "a string"));
            return {};
        }
        return value->get<std::string>();
    }

    label_set labels(const json& object, std::string_view key, const std::string& path,
                     bool required) {
        label_set out;
        const json* value = member(object, key, path, required);
        if (!value)
            return out;
        if (!value->is_object()) {
            fail(wrong_type(path, *value, "an object of strings"));
            return out;
        }
        for (const auto& [name, label] : value->items()) {
            if (!label.is_string()) {
                fail(wrong_type(path + "." + name, label, "a string"));
                return out;
            }
            out.emplace(name, label.get<std::string>());
        }
        return out;
    }

    alert_status status(const json& object, std::string_view path) {
        std::string word = text(object, "status", path, true);
        if (failed())
            return alert_status::firing;
        auto status = parse_alert_status(word);
        if (!status)
            fail(std::string(path) + " is `" + word + "`, not firing or resolved");
        return status.value_or(alert_status::firing);
    }

    // nullopt for Go's zero time (year 1), which Alertmanager sends for "not yet".
    std::optional<time_point> time(const json& object, std::string_view key, std::string_view path,
                                   bool required) {
        std::string word = text(object, key, path, required);
        if (failed() || word.empty())
            return std::nullopt;
        auto t = parse_iso8601(word);
        if (!t) {
            fail(std::string(path) + " is `" + word.substr(0, 40) + "`, not an RFC 3339 time");
            return std::nullopt;
        }
        return *t < time_point{} ? std::nullopt : t;
    }

    void fail(std::string why) {
        if (problem_.empty())
            problem_ = std::move(why);
    }

private:
    static std::string wrong_type(std::string_view path, const json& value,
                                  std::string_view wanted) {
        return std::string(path) + " is " + std::string(kind_of(value)) + ", not " +
               std::string(wanted);
    }

    std::string problem_;
};

bool is_fingerprint(std::string_view text) {
    return !text.empty() && text.size() <= 64 && std::all_of(text.begin(), text.end(), [](char c) {
        return adapters::hex_value(c) >= 0;
    });
}

alert read_alert(reader& in, const json& item, const std::string& path) {
    alert out;
    if (!item.is_object()) {
        in.fail(path + " is " + std::string(kind_of(item)) + ", not an object");
        return out;
    }
    out.status = in.status(item, path + ".status");
    out.labels = in.labels(item, "labels", path + ".labels", true);
    out.annotations = in.labels(item, "annotations", path + ".annotations", false);
    if (auto starts = in.time(item, "startsAt", path + ".startsAt", true))
        out.starts_at = *starts;
    else
        in.fail(path + ".startsAt is not a time");
    out.ends_at = in.time(item, "endsAt", path + ".endsAt", false);
    out.generator_url = in.text(item, "generatorURL", path + ".generatorURL", false);
    out.fingerprint = in.text(item, "fingerprint", path + ".fingerprint", true);
    if (!in.failed() && !is_fingerprint(out.fingerprint))
        in.fail(path + ".fingerprint is not 1 to 64 hexadecimal digits");
    return out;
}

} // namespace

outcome<> verify_alertmanager_token(std::string_view authorization_header,
                                    std::string_view expected) {
    return adapters::verify_bearer(authorization_header, expected, "Alertmanager");
}

outcome<alert_group> parse_alertmanager_webhook(std::string_view body) {
    if (body.size() > max_payload_bytes)
        return malformed("is larger than 1 MiB");
    auto root = adapters::json_access::parse_object(body);
    if (!root)
        return malformed("is not a JSON object");
    reader in;
    std::string version = in.text(*root, "version", "version", true);
    if (!in.failed() && version != "4")
        return malformed("is version `" + version.substr(0, 20) + "`; siren reads version 4");

    alert_group group;
    group.group_key = in.text(*root, "groupKey", "groupKey", true);
    group.status = in.status(*root, "status");
    group.receiver = in.text(*root, "receiver", "receiver", false);
    group.group_labels = in.labels(*root, "groupLabels", "groupLabels", false);
    group.common_labels = in.labels(*root, "commonLabels", "commonLabels", false);
    group.common_annotations = in.labels(*root, "commonAnnotations", "commonAnnotations", false);
    group.external_url = in.text(*root, "externalURL", "externalURL", false);
    if (const json* truncated = in.member(*root, "truncatedAlerts", "truncatedAlerts", false)) {
        if (truncated->is_number_unsigned())
            group.truncated_alerts = static_cast<long long>(
                std::min<std::uint64_t>(truncated->get<std::uint64_t>(), 1u << 30));
        else if (!truncated->is_number_integer() || truncated->get<std::int64_t>() < 0)
            in.fail("truncatedAlerts is not a whole number of at least 0");
    }
    const json* alerts = in.member(*root, "alerts", "alerts", true);
    if (alerts && !alerts->is_array())
        in.fail("alerts is " + std::string(kind_of(*alerts)) + ", not a list");
    if (alerts && alerts->is_array())
        for (std::size_t k = 0; k < alerts->size() && !in.failed(); ++k)
            group.alerts.push_back(
                read_alert(in, (*alerts)[k], "alerts[" + std::to_string(k) + "]"));
    if (in.failed())
        return malformed(in.problem().starts_with("has ") ? in.problem() : "field " + in.problem());
    return group;
}

std::string delivery_id(const alert_group& group) {
    std::vector<std::string> lines;
    for (const alert& a : group.alerts)
        lines.push_back(a.fingerprint + " " +
                        std::to_string(a.starts_at.time_since_epoch().count()) + " " +
                        std::string(to_string(a.status)));
    std::sort(lines.begin(), lines.end());
    std::string text = group.group_key;
    for (const auto& line : lines)
        text += "\n" + line;
    auto digest = adapters::hmac_sha256(delivery_key, text);
    // OpenSSL failing leaves only the text itself, which is unique too, only longer.
    return "alertmanager/" + (digest ? adapters::to_hex(*digest) : text);
}

} // namespace siren::alertmanager
