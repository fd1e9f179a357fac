#pragma once
// Every text siren shows about an incident: the pinned intro, the channel topic, the status
// answer, lists, history, announcements, posts, direct messages and pages. Slack mrkdwn
// (*bold*, `code`); people as <@user>, channels as <#name>.

#include "core/incident.hpp"
#include "core/report.hpp"
#include "core/settings.hpp"
#include "core/timeline.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace siren::commands::render {

inline constexpr std::size_t max_topic_characters = 250;

// "<#incident-20260324-checkout-down>"
std::string channel_of(const incident& i);

// The pinned message: name, severity, service, stage, status, roles, summary, runbook and links,
// and the commands that change them. Edited in place on every change.
std::string intro(const incident& i, const settings& config);

// "S1 · declared · IC <@alice> · Checkout down", at most max_topic_characters.
std::string topic(const incident& i);

// The answer to /119 status.
std::string status(const incident& i, time_point now);

// The answer to /incident list: open incidents in the given order.
std::string incident_list(const std::vector<incident>& open, time_point now);

// One page of /119 history (pages count from 1), times in the reader's zone.
std::string history_page(const incident& i, const std::vector<timeline_entry>& entries,
                         std::size_t page, std::size_t page_count, std::size_t per_page,
                         std::string_view zone);

// A change as the timeline and the channel tell it: "stage investigating → identified", or
// "TL <@bob>" when there was nothing before.
std::string change(std::string_view what, std::string_view before, std::string_view after);

// The timeline text of a declaration.
std::string declared(const incident& i);

// "<@alice> updated #12: stage … · TL …", posted in the incident's channel.
std::string update_post(const user_id& actor, const incident& i,
                        const std::vector<std::string>& changes);

// "*#12 Checkout down* (S1): <what>. Follow in <#…>.", for the announcement channel.
std::string announcement(const incident& i, std::string_view what);

// The private message telling someone a role's duties.
std::string duties(const incident& i, role r, std::string_view duties);

// A page's one-line summary (plain text: pagers do not render Slack markup). Security incidents
// keep their title out of the paging provider.
std::string page_summary(const incident& i);
std::string report_page_summary(const report& r);

// The private message to the engineer on call about a report.
std::string report_notice(const report& r, severity suggested);

// "*Nobody is on call for imoc: page someone by hand.*"
std::string nobody_on_call(std::string_view rotation);

// A refusal for what only the incident commander may do ("resolve").
std::string only_the_commander(const incident& i, std::string_view action);

// The refusal of a declaration that looks like an incident already open.
std::string duplicate_of(const incident& existing);

// "<@alice>", or "siren" for what siren did on its own.
std::string person(const user_id& user);

} // namespace siren::commands::render
