#include "adapters/slack/envelope.hpp"

#include <doctest/doctest.h>

using namespace siren;
using namespace siren::slack;

namespace {

envelope wrap(std::string type, std::string payload) {
    envelope e;
    e.envelope_id = "e-1";
    e.type = std::move(type);
    e.accepts_response_payload = true;
    e.payload_json = std::move(payload);
    return e;
}

template <class T>
T as(const inbound& in) {
    if (const auto* why = std::get_if<malformed>(&in))
        FAIL_CHECK("malformed: " << why->why);
    REQUIRE(std::holds_alternative<T>(in));
    return std::get<T>(in);
}

std::string reason(const inbound& in) {
    REQUIRE(std::holds_alternative<malformed>(in));
    return std::get<malformed>(in).why;
}

// protocols.md §2.1, as a Socket Mode slash_commands payload.
constexpr std::string_view slash_payload = R"({
  "token":"verification-token","team_id":"T111","team_domain":"maria","channel_id":"C111",
  "channel_name":"general","user_id":"U111","user_name":"rainer","command":"/incident",
  "text":"declare sev1 checkout down","api_app_id":"A111","is_enterprise_install":false,
  "response_url":"https://hooks.slack.com/commands/T111/111/xxx","trigger_id":"111.222.xxx"})";

// A modal built by modal_view() for every field kind, submitted (protocols.md §4.4).
constexpr std::string_view submission_payload = R"({
  "type":"view_submission","team":{"id":"T1","domain":"acme"},
  "user":{"id":"U1","name":"rmr","team_id":"T1"},"api_app_id":"A1","trigger_id":"t-1",
  "view":{"id":"V1","type":"modal","callback_id":"declare","private_metadata":"C111",
    "hash":"156663117.cd33ad1f",
    "state":{"values":{
      "title":{"title":{"type":"plain_text_input","value":"Checkout 5xx"}},
      "summary":{"summary":{"type":"plain_text_input","value":"line one\nline two"}},
      "service":{"service":{"type":"plain_text_input","value":null}},
      "severity":{"severity":{"type":"static_select",
        "selected_option":{"text":{"type":"plain_text","text":"S1"},"value":"S1"}}},
      "status":{"status":{"type":"static_select","selected_option":null}},
      "tl":{"tl":{"type":"users_select","selected_user":"U2"}},
      "em":{"em":{"type":"users_select","selected_user":null}},
      "security":{"security":{"type":"checkboxes",
        "selected_options":[{"text":{"type":"plain_text","text":"Yes"},"value":"true"}]}},
      "near_miss":{"near_miss":{"type":"checkboxes","selected_options":[]}}}}},
  "response_urls":[]})";

// protocols.md §4.4.
constexpr std::string_view button_payload = R"({
  "type":"block_actions","team":{"id":"T1","domain":"acme"},
  "user":{"id":"U1","username":"rmr","team_id":"T1"},"api_app_id":"A1","token":"…",
  "trigger_id":"123.456.abc",
  "container":{"type":"message","message_ts":"1548261231.000200","channel_id":"C1",
               "is_ephemeral":false},
  "channel":{"id":"C1","name":"inc-42"},
  "message":{"type":"message","ts":"1548261231.000200","text":"…","blocks":[]},
  "response_url":"https://hooks.slack.com/actions/A1/123/xyz",
  "actions":[{"type":"button","action_id":"page_ack","block_id":"page","value":"siren-1-eoc",
              "text":{"type":"plain_text","text":"Acknowledge"},"action_ts":"1548426417.840180"}],
  "state":{"values":{}}})";

std::string event_payload(std::string event) {
    return R"({"token":"…","team_id":"T111","api_app_id":"A111","event":)" + event +
           R"(,"type":"event_callback","event_id":"Ev111","event_time":1610241741,
              "authorizations":[{"enterprise_id":null,"team_id":"T111","user_id":"U222",
              "is_bot":true,"is_enterprise_install":false}],"is_ext_shared_channel":false})";
}

} // namespace

TEST_CASE("slack: a slash command becomes a command_input") {
    auto s = as<slash_command>(translate(wrap("slash_commands", std::string(slash_payload))));
    CHECK(s.input.command == "/incident");
    CHECK(s.input.text == "declare sev1 checkout down");
    CHECK(s.input.user == "U111");
    CHECK(s.input.channel == "C111");
    CHECK(s.input.answers.empty());
    CHECK(s.trigger_id == "111.222.xxx");
    CHECK(s.response_url == "https://hooks.slack.com/commands/T111/111/xxx");
    CHECK(s.team_id == "T111");

    // `text` may be missing or empty: the command alone.
    auto bare = as<slash_command>(translate(
        wrap("slash_commands", R"({"command":"/119","user_id":"U2","channel_id":"C2"})")));
    CHECK(bare.input.command == "/119");
    CHECK(bare.input.text.empty());
}

TEST_CASE("slack: a view submission gives the answers of every field kind by key") {
    auto v = as<view_submission>(translate(wrap("interactive", std::string(submission_payload))));
    CHECK(v.form_id == "declare");
    CHECK(v.user == "U1");
    CHECK(v.channel == "C111");
    CHECK(v.view_id == "V1");
    CHECK(v.answers == std::map<std::string, std::string>{{"title", "Checkout 5xx"},
                                                          {"summary", "line one\nline two"},
                                                          {"severity", "S1"},
                                                          {"tl", "U2"},
                                                          {"security", "true"},
                                                          {"near_miss", "false"}});
}

TEST_CASE("slack: a button click becomes a block_action") {
    auto a = as<block_action>(translate(wrap("interactive", std::string(button_payload))));
    CHECK(a.action_id == "page_ack");
    CHECK(a.value == "siren-1-eoc");
    CHECK(a.user == "U1");
    CHECK(a.channel == "C1");
    CHECK(a.message_ts == "1548261231.000200");
    CHECK(a.trigger_id == "123.456.abc");

    // In a DM the payload may carry the channel only in the container; a menu has no value but
    // a selected option.
    auto menu = as<block_action>(translate(wrap("interactive", R"({
        "type":"block_actions","user":{"id":"U1"},
        "container":{"type":"message","message_ts":"1.2","channel_id":"D1"},
        "actions":[{"type":"static_select","action_id":"pick",
                    "selected_option":{"text":{"type":"plain_text","text":"S2"},"value":"S2"}}]})")));
    CHECK(menu.value == "S2");
    CHECK(menu.channel == "D1");
    CHECK(menu.message_ts == "1.2");
}

TEST_CASE("slack: reaction_added, message and app_mention events") {
    auto reaction = as<event_callback>(translate(wrap("events_api", event_payload(R"({
        "type":"reaction_added","user":"U222","reaction":"eyes","item_user":"U111",
        "item":{"type":"message","channel":"C111","ts":"1610241741.000200"},
        "event_ts":"1610241750.000300"})"))));
    CHECK(reaction.event_id == "Ev111");
    CHECK(reaction.type == "reaction_added");
    CHECK(reaction.user == "U222");
    CHECK(reaction.channel == "C111");
    CHECK(reaction.item_ts == "1610241741.000200");
    CHECK(reaction.reaction == "eyes");

    auto message = as<event_callback>(translate(wrap("events_api", event_payload(R"({
        "type":"message","user":"U222","text":"checkout is back","ts":"1610241760.000400",
        "channel":"C111","event_ts":"1610241760.000400","channel_type":"channel"})"))));
    CHECK(message.type == "message");
    CHECK(message.channel == "C111");
    CHECK(message.item_ts == "1610241760.000400");
    CHECK(message.text == "checkout is back");
    CHECK(message.reaction.empty());

    auto mention = as<event_callback>(translate(wrap("events_api", event_payload(R"({
        "type":"app_mention","user":"U222","text":"<@U111> hi","ts":"1610241741.000200",
        "channel":"C111","event_ts":"1610241741.000200"})"))));
    CHECK(mention.type == "app_mention");
    CHECK(mention.user == "U222");
    CHECK(mention.text == "<@U111> hi");
}

TEST_CASE("slack: a message shortcut carries the message it was used on") {
    // protocols.md §4.4: message_action, with channel, message and response_url.
    auto s = as<message_shortcut>(translate(wrap("interactive", R"({
        "type":"message_action","callback_id":"add_to_timeline","trigger_id":"13345224609.738.80",
        "response_url":"https://hooks.slack.com/app/T1/123/xyz","action_ts":"1610241800.000100",
        "team":{"id":"T1","domain":"acme"},"user":{"id":"U222","name":"bob"},
        "channel":{"id":"C111","name":"incident-20260324-checkout"},
        "message_ts":"1610241741.000200",
        "message":{"type":"message","user":"U111","ts":"1610241741.000200",
                   "text":"checkout pods are OOM-killed","thread_ts":"1610241700.000100"}})")));
    CHECK(s.callback_id == add_to_timeline_shortcut);
    CHECK(s.user == "U222");
    CHECK(s.channel == "C111");
    CHECK(s.message_ts == "1610241741.000200");
    CHECK(s.message_user == "U111");
    CHECK(s.message_text == "checkout pods are OOM-killed");
    CHECK(s.trigger_id == "13345224609.738.80");
    CHECK(s.response_url == "https://hooks.slack.com/app/T1/123/xyz");

    // An integration's post names no user; message_ts stands in for a message without a ts.
    auto bot = as<message_shortcut>(translate(wrap("interactive", R"({
        "type":"message_action","callback_id":"add_to_timeline","user":{"id":"U222"},
        "channel":{"id":"C111"},"message_ts":"1.2",
        "message":{"type":"message","subtype":"bot_message","bot_id":"B1","text":"deploy done"}})")));
    CHECK(bot.message_ts == "1.2");
    CHECK(bot.message_user.empty());
    CHECK(bot.message_text == "deploy done");

    CHECK(reason(translate(wrap("interactive", R"({"type":"message_action","user":{"id":"U2"},
        "channel":{"id":"C1"},"message":{"ts":"1.2"}})")))
              .find("callback_id") != std::string::npos);
    CHECK(reason(translate(wrap("interactive", R"({"type":"message_action",
        "callback_id":"add_to_timeline","user":{"id":"U2"},"message":{"ts":"1.2"}})")))
              .find("channel.id") != std::string::npos);
    CHECK(reason(translate(wrap("interactive", R"({"type":"shortcut","callback_id":"x",
        "user":{"id":"U2"}})"))) == "interactive payload of type 'shortcut' is not handled");
}

TEST_CASE("slack: malformed and unhandled payloads are errors with a reason") {
    CHECK(reason(translate(wrap("slash_commands", ""))).find("no payload") != std::string::npos);
    CHECK(reason(translate(wrap("slash_commands", "[1,2]"))).find("not a JSON object") !=
          std::string::npos);
    CHECK(reason(translate(wrap("slash_commands", R"({"text":"declare"})")))
              .find("without command") != std::string::npos);
    CHECK(reason(translate(wrap("interactive", R"({"type":"view_closed"})"))) ==
          "interactive payload of type 'view_closed' is not handled");
    CHECK(reason(translate(wrap("interactive", R"({"type":"view_submission","view":[]})")))
              .find("callback_id") != std::string::npos);
    CHECK(reason(translate(wrap("interactive", R"({"type":"block_actions","actions":[]})")))
              .find("without actions") != std::string::npos);
    CHECK(reason(translate(wrap("interactive",
                                R"({"type":"block_actions","actions":[{"action_id":"x"}]})")))
              .find("user.id") != std::string::npos);
    CHECK(reason(translate(wrap("events_api", R"({"type":"app_rate_limited"})"))) ==
          "events_api payload of type 'app_rate_limited' is not handled");
    CHECK(reason(translate(wrap("events_api", R"({"type":"event_callback","event":"x"})")))
              .find("event_id") != std::string::npos);
    CHECK(reason(translate(wrap("hello_there", "{}"))) ==
          "envelope type 'hello_there' is not handled");
}
