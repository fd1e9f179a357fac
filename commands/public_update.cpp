// /119 public: an update for the status page (public_update.hpp).

#include "commands/public_update.hpp"

#include "commands/incident_effects.hpp"
#include "commands/reminders.hpp"
#include "commands/status_mirror.hpp"
#include "commands/text.hpp"
#include "commands/tokenizer.hpp"
#include "commands/values.hpp"
#include "core/mention.hpp"

namespace siren::commands {

namespace {

// The CL's duties (which fall to the IC while nobody is CL), the IC, and the CMOC on call, whose
// rotation exists to talk to customers.
bool may_post(const incident& i, const user_id& me, const context& ctx) {
    return owner(i) == me || duty_holder(i, role::cl) == me ||
           ctx.people.on_call("cmoc", ctx.now) == me;
}

// `"We are investigating"`, one quoted word, loses its quotes; anything else stays as typed.
std::string text_of(std::string_view args) {
    auto words = tokenize(args);
    if (words && words->size() == 1 && words->front().quoted)
        return words->front().text;
    return std::string(args);
}

} // namespace

bool is_on_status_page(const incident& i, const settings& config) {
    return config.policy(i.level).status_page && !i.security && !i.near_miss;
}

decision public_command(const request& r) {
    const incident& i = *r.here;
    const context& ctx = r.ctx;
    const user_id& me = r.input.user;
    if (i.security || i.near_miss)
        return reply_only(incident_ref(i) + " is a " +
                          (i.security ? "security incident" : "near miss") +
                          ": it never appears on the status page, so it has no public updates.");
    if (!may_post(i, me, ctx))
        return reply_only("Only the communications lead " + mention(duty_holder(i, role::cl)) +
                          ", the incident commander " + mention(owner(i)) +
                          " or the CMOC on call can post public updates for " + incident_ref(i) +
                          ".");
    auto text = text_from(text_of(r.args), "The public update");
    if (!text)
        return usage_error(r, text.error());
    if (text->empty())
        return usage_error(r, "Write what customers should know, e.g. `/119 public \"Checkout "
                              "errors are fixed; we are monitoring.\"`.");
    decision out;
    out.timeline.push_back({i.id, ctx.now, me, entry_kind::public_update, *text});
    out.effects.push_back(post_in_channel(
        i, ":mega: " + mention(me) + " posted a public update: " + neutralize_mentions(*text)));
    if (auto hosted = mirror_public_update(i, *text, ctx.config))
        out.effects.push_back(std::move(*hosted));
    reschedule_reminders(out, i, i, ctx.config, ctx.now);
    out.reply = "Posted on the status page for " + incident_ref(i) + ".";
    if (!is_on_status_page(i, ctx.config))
        out.reply = "Saved as a public update of " + incident_ref(i) + ", but " +
                    std::string(to_string(i.level)) +
                    " incidents are not on the status page (the severity's `status_page` is "
                    "off): it shows there only if the severity changes to one that is.";
    return out;
}

} // namespace siren::commands
