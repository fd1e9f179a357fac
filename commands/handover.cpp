// Rotation hand-overs (handover.hpp).

#include "commands/handover.hpp"

#include "core/mention.hpp"
#include "core/rotation.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <utility>
#include <vector>

namespace siren::commands {

namespace {

struct handover_at {
    std::string rotation;
    time_point at{};
};

std::string payload_of(std::string_view rotation, time_point at) {
    return std::string(rotation) + "@" + std::to_string(at.time_since_epoch().count());
}

std::optional<handover_at> parse_payload(std::string_view payload) {
    auto sign = payload.rfind('@');
    if (sign == std::string_view::npos)
        return std::nullopt;
    long long seconds_since_epoch = 0;
    auto digits = payload.substr(sign + 1);
    auto [end, error] =
        std::from_chars(digits.data(), digits.data() + digits.size(), seconds_since_epoch);
    if (error != std::errc() || end != digits.data() + digits.size())
        return std::nullopt;
    return handover_at{std::string(payload.substr(0, sign)),
                       time_point{seconds{seconds_since_epoch}}};
}

// How far back a digest looks for resolved incidents.
constexpr hours recently{24};

std::string incident_line(const incident& i, const context& ctx) {
    std::string line = "\n• " + incident_ref(i) + " " + std::string(to_string(i.level)) + " " +
                       i.title + " — " + std::string(to_string(i.current)) + ", IC " +
                       mention(owner(i));
    if (i.resolved_at)
        return line + ", resolved after " + format_duration(*i.resolved_at - i.declared_at);
    return line + ", open for " + format_duration(ctx.now - i.declared_at);
}

// The pages of the shift: how many the outgoing person got and acknowledged, and what paged
// most (by service: the noise worth fixing).
std::string shift_pages(const context& ctx, const std::optional<user_id>& outgoing,
                        time_point shift_start) {
    auto sent = ctx.incidents.pages_sent_since(shift_start);
    if (sent.empty())
        return "\nNo pages this shift.";
    std::map<std::string, int> by_source;
    int to_outgoing = 0;
    int acknowledged = 0;
    for (const page_record& p : sent) {
        auto i = p.incident != 0 ? ctx.incidents.find(p.incident) : std::nullopt;
        ++by_source[!i ? "reports" : i->service.empty() ? "no service" : i->service];
        if (outgoing && p.user == *outgoing) {
            ++to_outgoing;
            acknowledged += p.acknowledged_at ? 1 : 0;
        }
    }
    std::vector<std::pair<std::string, int>> noisiest(by_source.begin(), by_source.end());
    std::stable_sort(noisiest.begin(), noisiest.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    std::string text = "\nPages this shift: " + std::to_string(sent.size());
    if (outgoing)
        text += ", " + std::to_string(to_outgoing) + " of them to " + mention(*outgoing) + " (" +
                std::to_string(acknowledged) + " acknowledged)";
    text += ". Paged most:";
    for (std::size_t k = 0; k < std::min<std::size_t>(noisiest.size(), 3); ++k)
        text +=
            (k ? ", " : " ") + noisiest[k].first + " (" + std::to_string(noisiest[k].second) + ")";
    return text + ".";
}

// What the people handing over should know: the open incidents, those resolved in the last day,
// the follow-up actions still open in them, and the pages of the shift.
std::string digest(const context& ctx, const std::optional<user_id>& outgoing,
                   time_point shift_start) {
    auto open = ctx.incidents.open_incidents();
    auto resolved = ctx.incidents.resolved_since(ctx.now - recently);
    std::string text = open.empty() ? "No incidents are open." : "*Open incidents:*";
    for (const incident& i : open)
        text += incident_line(i, ctx);
    if (!resolved.empty()) {
        text += "\n*Resolved in the last " + format_duration(recently) + ":*";
        for (const incident& i : resolved)
            text += incident_line(i, ctx);
    }
    std::string follow_ups;
    auto all = open;
    all.insert(all.end(), resolved.begin(), resolved.end());
    for (const incident& i : all)
        for (const follow_up_action& a : ctx.incidents.actions(i.id))
            if (!a.done)
                follow_ups += "\n• " + incident_ref(i) + "/" + std::to_string(a.number) + " " +
                              a.text + (a.owner.empty() ? "" : " (" + mention(a.owner) + ")");
    if (!follow_ups.empty())
        text += "\n*Open follow-ups:*" + follow_ups;
    return text + shift_pages(ctx, outgoing, shift_start);
}

// When the shift ending at a hand-over began.
time_point shift_start(const context& ctx, const rotation_settings& r, time_point handover) {
    auto before = ctx.people.shifts(r.name, handover - seconds{1}, handover);
    return before.empty() ? handover : before.front().start;
}

std::string title_of(const rotation_settings& r) {
    return "*" + r.name + "*" + (r.description.empty() ? "" : " (" + r.description + ")");
}

} // namespace

std::string rotation_of_handover(std::string_view payload) {
    auto parsed = parse_payload(payload);
    return parsed ? parsed->rotation : std::string();
}

std::optional<timer> next_handover_notice(const rotation_settings& r, time_point now) {
    if (r.source != schedule_source::siren || r.members.empty())
        return std::nullopt;
    auto at = next_handover(r, now);
    if (!at)
        return std::nullopt;
    return timer{.kind = std::string(handover_notice_timer),
                 .incident = 0,
                 .due_at = std::max(now, *at - handover_notice_lead),
                 .payload = payload_of(r.name, *at)};
}

decision on_handover_notice(const timer& due, const context& ctx) {
    auto h = parse_payload(due.payload);
    const rotation_settings* r = h ? ctx.config.find_rotation(h->rotation) : nullptr;
    if (!r)
        return {};
    decision out;
    auto outgoing = ctx.people.on_call(r->name, h->at - seconds{1});
    auto incoming = ctx.people.on_call(r->name, h->at);
    bool is_eoc = r->name == "eoc";
    std::string news = is_eoc ? "\n" + digest(ctx, outgoing, shift_start(ctx, *r, h->at)) : "";
    auto tell_incoming = [&](const std::string& track, const std::optional<user_id>& from,
                             const std::optional<user_id>& to) {
        if (!to || to == from)
            return;
        out.effects.push_back(notify_user{
            *to, ":calendar: You are on call for " + track + " from " +
                     format_local(h->at, ctx.people.time_zone(*to)) +
                     (from ? ", taking over from " + mention(*from) : "") + "." + news});
    };
    tell_incoming(title_of(*r), outgoing, incoming);
    if (!r->secondary.empty())
        tell_incoming("*" + r->name + ":secondary*",
                      ctx.people.on_call(r->name + ":secondary", h->at - seconds{1}),
                      ctx.people.on_call(r->name + ":secondary", h->at));
    if (is_eoc && outgoing && outgoing != incoming)
        out.effects.push_back(notify_user{
            *outgoing, ":calendar: You hand *eoc* over" +
                           (incoming ? " to " + mention(*incoming) : std::string()) + " at " +
                           format_local(h->at, ctx.people.time_zone(*outgoing)) + "." + news});
    out.timers_started.push_back({.kind = std::string(handover_timer),
                                  .incident = 0,
                                  .due_at = h->at,
                                  .payload = due.payload});
    return out;
}

decision on_handover(const timer& due, const context& ctx) {
    auto h = parse_payload(due.payload);
    const rotation_settings* r = h ? ctx.config.find_rotation(h->rotation) : nullptr;
    if (!r)
        return {};
    decision out;
    auto outgoing = ctx.people.on_call(r->name, h->at - seconds{1});
    auto incoming = ctx.people.on_call(r->name, h->at);
    std::vector<user_id> on_call;
    if (incoming)
        on_call.push_back(*incoming);
    if (auto second = ctx.people.on_call(r->name + ":secondary", h->at);
        second && second != incoming)
        on_call.push_back(*second);
    if (!r->slack_usergroup.empty() && !on_call.empty())
        out.effects.push_back(set_group_members{r->slack_usergroup, on_call});
    // A layer's window edge may hand a shift to the same person: nothing worth a note.
    if (!r->channel.empty() && incoming != outgoing) {
        std::string who = incoming ? mention(*incoming) : "Nobody";
        out.effects.push_back(post_message{
            .channel = r->channel,
            .text = ":arrows_counterclockwise: " + who + " is on call for " + title_of(*r) +
                    (outgoing && outgoing != incoming ? ", taking over from " + mention(*outgoing)
                                                      : std::string()) +
                    ".\n" + digest(ctx, outgoing, shift_start(ctx, *r, h->at))});
    }
    if (auto next = next_handover_notice(*r, h->at))
        out.timers_started.push_back(std::move(*next));
    return out;
}

} // namespace siren::commands
