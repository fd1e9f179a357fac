#pragma once
// What a command handler decided: the reply to the person who asked, the state to save and the
// effects to carry out. The store saves all of it in one transaction; nothing is sent before.

#include "action.hpp"
#include "alert.hpp"
#include "effect.hpp"
#include "form.hpp"
#include "incident.hpp"
#include "page.hpp"
#include "report.hpp"
#include "review.hpp"
#include "rotation.hpp"
#include "timeline.hpp"
#include "timer.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace siren {

struct decision {
    std::string reply;                  // shown privately to the person who typed the command
    std::optional<struct form> form;    // ask for these answers instead of acting
    std::optional<incident> saved;      // the incident created (id from the view) or changed
    std::optional<report> saved_report; // the report created or changed
    std::vector<timeline_entry> timeline;
    std::vector<effect> effects; // carried out in this order
    std::vector<page_change> page_changes;
    std::vector<timer> timers_started; // ids are given by the store
    std::vector<timer_cancel> timers_stopped;
    std::vector<override_record> overrides_added; // ids are given by the store
    std::vector<std::int64_t> overrides_removed;
    std::vector<alert_record> alerts{};   // alert instances seen, recorded or updated
    std::optional<review> saved_review{}; // the incident's review opened or changed
    // Follow-up actions added or changed, by incident and number (the handler numbers new ones).
    std::vector<follow_up_action> actions_saved{};

    // True when nothing is to be stored or done: a pure answer (help, status, a refusal).
    bool is_reply_only() const {
        return !saved && !saved_report && timeline.empty() && effects.empty() &&
               page_changes.empty() && timers_started.empty() && timers_stopped.empty() &&
               overrides_added.empty() && overrides_removed.empty() && alerts.empty() &&
               !saved_review && actions_saved.empty();
    }
};

// A refusal or an answer: a reply and nothing else.
inline decision reply_only(std::string text) {
    decision d;
    d.reply = std::move(text);
    return d;
}

} // namespace siren
