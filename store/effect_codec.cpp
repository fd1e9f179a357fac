#include "effect_codec.hpp"

#include <optional>

#include <nlohmann/json.hpp>

namespace siren::store {

namespace {

using json = nlohmann::json;

json fields(const create_channel& e) {
    return {{"name", e.name}, {"is_private", e.is_private}};
}

json fields(const invite_users& e) {
    return {{"channel", e.channel}, {"users", e.users}};
}

json fields(const set_topic& e) {
    return {{"channel", e.channel}, {"topic", e.topic}};
}

json fields(const std::vector<button>& buttons) {
    json out = json::array();
    for (const button& b : buttons)
        out.push_back({{"label", b.label}, {"command", b.command}, {"style", b.style}});
    return out;
}

json fields(const post_message& e) {
    return {{"channel", e.channel},
            {"text", e.text},
            {"key", e.key},
            {"pin", e.pin},
            {"buttons", fields(e.buttons)}};
}

json fields(const update_message& e) {
    return {
        {"channel", e.channel}, {"key", e.key}, {"text", e.text}, {"buttons", fields(e.buttons)}};
}

json fields(const notify_user& e) {
    return {{"user", e.user}, {"text", e.text}};
}

json fields(const page_user& e) {
    return {{"user", e.user},
            {"rotation", e.rotation},
            {"summary", e.summary},
            {"level", to_string(e.level)},
            {"dedup_key", e.dedup_key}};
}

json fields(const archive_channel& e) {
    return {{"channel", e.channel}};
}

json fields(const set_group_members& e) {
    return {{"group", e.group}, {"users", e.users}};
}

json fields(const acknowledge_page& e) {
    return {{"dedup_key", e.dedup_key}};
}

json fields(const resolve_page& e) {
    return {{"dedup_key", e.dedup_key}};
}

json fields(const post_file& e) {
    return {{"channel", e.channel},
            {"filename", e.filename},
            {"title", e.title},
            {"content", e.content},
            {"comment", e.comment}};
}

json fields(const write_file& e) {
    return {{"path", e.path}, {"content", e.content}};
}

json fields(const create_tracker_issue& e) {
    return {
        {"incident", e.incident},       {"action", e.action},          {"title", e.title},
        {"description", e.description}, {"level", to_string(e.level)}, {"near_miss", e.near_miss}};
}

json fields(const add_bookmark& e) {
    return {{"channel", e.channel}, {"title", e.title}, {"link", e.link}};
}

json fields(const update_tracker_issue& e) {
    return {{"incident", e.incident},
            {"level", to_string(e.level)},
            {"stage", std::string(to_string(e.current))}};
}

json fields(const mirror_status& e) {
    return {{"incident", e.incident},
            {"title", e.title},
            {"service", e.service},
            {"stage", std::string(to_string(e.current))},
            {"status", std::string(to_key(e.status))},
            {"update", e.update}};
}

// Reads the members of one effect object; the first problem is kept and the rest of the reads
// return empty values, so a decoder reads straight through and checks once at the end.
class reader {
public:
    explicit reader(const json& object)
        : object_(object) {}

    std::string text(const char* name) {
        const json* member = find(name, json::value_t::string, "a string");
        return member != nullptr ? member->get<std::string>() : std::string();
    }

    bool flag(const char* name) {
        const json* member = find(name, json::value_t::boolean, "true or false");
        return member != nullptr && member->get<bool>();
    }

    std::vector<std::string> texts(const char* name) {
        std::vector<std::string> values;
        const json* member = find(name, json::value_t::array, "a list of strings");
        if (member == nullptr)
            return values;
        for (const json& value : *member) {
            if (!value.is_string()) {
                problem(std::string("\"") + name + "\" must be a list of strings");
                return {};
            }
            values.push_back(value.get<std::string>());
        }
        return values;
    }

    // Optional: rows written before messages had buttons have none.
    std::vector<button> buttons(const char* name) {
        std::vector<button> values;
        if (error_ || !object_.contains(name))
            return values;
        const json* member = find(name, json::value_t::array, "a list of buttons");
        if (member == nullptr)
            return values;
        for (const json& b : *member) {
            if (!b.is_object()) {
                problem(std::string("\"") + name + "\" must be a list of buttons");
                return {};
            }
            reader fields_of(b);
            values.push_back({.label = fields_of.text("label"),
                              .command = fields_of.text("command"),
                              .style = fields_of.text("style")});
            if (fields_of.error()) {
                problem(std::string("\"") + name + "\": " + *fields_of.error());
                return {};
            }
        }
        return values;
    }

    // Parsed JSON holds a non-negative number as unsigned: both kinds are whole numbers.
    std::int64_t number(const char* name) {
        if (error_)
            return 0;
        auto member = object_.find(name);
        if (member == object_.end() || !member->is_number_integer()) {
            problem(std::string("\"") + name + "\" must be a whole number");
            return 0;
        }
        return member->get<std::int64_t>();
    }

    stage step(const char* name) {
        std::string value = text(name);
        if (error_)
            return stage::declared;
        if (auto parsed = parse_stage(value))
            return *parsed;
        problem(std::string("\"") + name + "\" is not a stage: \"" + value + "\"");
        return stage::declared;
    }

    severity level(const char* name) {
        std::string value = text(name);
        if (error_)
            return severity::s2;
        if (auto parsed = parse_severity(value))
            return *parsed;
        problem(std::string("\"") + name + "\" is not a severity: \"" + value + "\"");
        return severity::s2;
    }

    public_status status(const char* name) {
        std::string value = text(name);
        if (error_)
            return public_status::degraded_performance;
        if (auto parsed = parse_public_status(value))
            return *parsed;
        problem(std::string("\"") + name + "\" is not a public status: \"" + value + "\"");
        return public_status::degraded_performance;
    }

    const std::optional<std::string>& error() const { return error_; }

private:
    const json* find(const char* name, json::value_t type, const char* expected) {
        if (error_)
            return nullptr;
        auto member = object_.find(name);
        if (member == object_.end()) {
            problem(std::string("missing \"") + name + "\"");
            return nullptr;
        }
        if (member->type() != type) {
            problem(std::string("\"") + name + "\" must be " + expected);
            return nullptr;
        }
        return &*member;
    }

    void problem(std::string what) {
        if (!error_)
            error_ = std::move(what);
    }

    const json& object_;
    std::optional<std::string> error_;
};

struct decoder {
    std::string_view kind;
    effect (*decode)(reader&);
};

// A braced initialiser is evaluated in order, so the error reported is that of the first bad member
// in declaration order.
constexpr decoder decoders[] = {
    {"create_channel",
     [](reader& r) -> effect {
         return create_channel{.name = r.text("name"), .is_private = r.flag("is_private")};
     }},
    {"invite_users",
     [](reader& r) -> effect {
         return invite_users{.channel = r.text("channel"), .users = r.texts("users")};
     }},
    {"set_topic",
     [](reader& r) -> effect {
         return set_topic{.channel = r.text("channel"), .topic = r.text("topic")};
     }},
    {"post_message",
     [](reader& r) -> effect {
         return post_message{.channel = r.text("channel"),
                             .text = r.text("text"),
                             .key = r.text("key"),
                             .pin = r.flag("pin"),
                             .buttons = r.buttons("buttons")};
     }},
    {"update_message",
     [](reader& r) -> effect {
         return update_message{.channel = r.text("channel"),
                               .key = r.text("key"),
                               .text = r.text("text"),
                               .buttons = r.buttons("buttons")};
     }},
    {"notify_user",
     [](reader& r) -> effect {
         return notify_user{.user = r.text("user"), .text = r.text("text")};
     }},
    {"archive_channel",
     [](reader& r) -> effect { return archive_channel{.channel = r.text("channel")}; }},
    {"set_group_members",
     [](reader& r) -> effect {
         return set_group_members{.group = r.text("group"), .users = r.texts("users")};
     }},
    {"page_user",
     [](reader& r) -> effect {
         return page_user{.user = r.text("user"),
                          .rotation = r.text("rotation"),
                          .summary = r.text("summary"),
                          .level = r.level("level"),
                          .dedup_key = r.text("dedup_key")};
     }},
    {"acknowledge_page",
     [](reader& r) -> effect { return acknowledge_page{.dedup_key = r.text("dedup_key")}; }},
    {"resolve_page",
     [](reader& r) -> effect { return resolve_page{.dedup_key = r.text("dedup_key")}; }},
    {"post_file",
     [](reader& r) -> effect {
         return post_file{.channel = r.text("channel"),
                          .filename = r.text("filename"),
                          .title = r.text("title"),
                          .content = r.text("content"),
                          .comment = r.text("comment")};
     }},
    {"write_file",
     [](reader& r) -> effect {
         return write_file{.path = r.text("path"), .content = r.text("content")};
     }},
    {"create_tracker_issue",
     [](reader& r) -> effect {
         return create_tracker_issue{.incident = r.number("incident"),
                                     .action = static_cast<int>(r.number("action")),
                                     .title = r.text("title"),
                                     .description = r.text("description"),
                                     .level = r.level("level"),
                                     .near_miss = r.flag("near_miss")};
     }},
    {"update_tracker_issue",
     [](reader& r) -> effect {
         return update_tracker_issue{.incident = r.number("incident"),
                                     .level = r.level("level"),
                                     .current = r.step("stage")};
     }},
    {"add_bookmark",
     [](reader& r) -> effect {
         return add_bookmark{
             .channel = r.text("channel"), .title = r.text("title"), .link = r.text("link")};
     }},
    {"mirror_status",
     [](reader& r) -> effect {
         return mirror_status{.incident = r.number("incident"),
                              .title = r.text("title"),
                              .service = r.text("service"),
                              .current = r.step("stage"),
                              .status = r.status("status"),
                              .update = r.text("update")};
     }},
};
static_assert(std::size(decoders) == std::variant_size_v<effect>);

outcome<effect> refused(std::string why) {
    return outcome<effect>(boost::system::in_place_error, "effect: " + std::move(why));
}

} // namespace

std::string encode_effect(const effect& e) {
    json out = std::visit([](const auto& action) { return fields(action); }, e);
    out["kind"] = kind_of(e);
    // Replace, not throw, should a text carry invalid UTF-8: the effect is still worth sending.
    return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

outcome<effect> decode_effect(std::string_view text) {
    json object = json::parse(text, nullptr, false);
    if (object.is_discarded())
        return refused("not valid JSON");
    if (!object.is_object())
        return refused("not a JSON object");
    auto kind = object.find("kind");
    if (kind == object.end() || !kind->is_string())
        return refused("missing \"kind\"");
    const auto& name = kind->get_ref<const std::string&>();
    for (const decoder& d : decoders) {
        if (d.kind != name)
            continue;
        reader fields_of(object);
        effect decoded = d.decode(fields_of);
        if (fields_of.error())
            return refused(name + ": " + *fields_of.error());
        return decoded;
    }
    return refused("unknown kind \"" + name + "\"");
}

} // namespace siren::store
