#include "adapters/slack/slack_workspace.hpp"
#include "tests/unit/slack/fake_http_client.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace siren;
using namespace siren::slack;
using nlohmann::json;
using siren::testing::fake_http_client;
using siren::testing::run;
using strings = std::vector<std::string>;

namespace {

std::optional<std::string> known_channels(std::string_view name) {
    if (name == "incident-20260324-checkout")
        return "C42";
    if (name == "general")
        return "C1";
    return std::nullopt;
}

struct fixture {
    fake_http_client http;
    rate_limiter limits;
    web_api api{http, "http://slack.test/api/", "xoxb-t", limits,
                [] { return std::chrono::steady_clock::now(); }};
    slack_workspace chat{api, known_channels};

    json body(std::size_t i) const {
        REQUIRE(i < http.requests.size());
        return json::parse(http.requests[i].request.body);
    }
};

} // namespace

TEST_CASE("slack: channel references become links when the channel is known") {
    const channel_lookup lookup = known_channels;
    CHECK(link_channels("join <#incident-20260324-checkout>", lookup) == "join <#C42>");
    CHECK(link_channels("see <#general|general> and #general.", lookup) == "see <#C1> and <#C1>.");
    CHECK(link_channels("#incident-20260324-checkout: IC <@U1>", lookup) == "<#C42>: IC <@U1>");
    // Unknown names, ids, incident numbers, anchors and half-written references stay as written.
    for (std::string_view same :
         {"<#unknown-channel>", "<#C999>", "incident #119", "https://x.test/page#general",
          "C#general", "<#general", "# general", "#", "<@U1> <!here>"}) {
        CAPTURE(same);
        CHECK(link_channels(same, lookup) == same);
    }
}

TEST_CASE("slack: create_channel tries name-2 when the name is taken") {
    fixture f;
    f.http.answer_error("conversations.create", "name_taken");
    f.http.answer_ok("conversations.create", R"({"ok":true,"channel":{"id":"C77","name":"x"}})");
    auto id = run(f.chat.create_channel("incident-20260324-checkout", true));
    REQUIRE(id);
    CHECK(*id == "C77");
    CHECK(f.body(0) == json{{"name", "incident-20260324-checkout"}, {"is_private", true}});
    CHECK(f.body(1) == json{{"name", "incident-20260324-checkout-2"}, {"is_private", true}});
}

TEST_CASE("slack: create_channel gives up after -20 and refuses invalid names at once") {
    fixture f;
    for (int i = 0; i < slack_workspace::max_channel_name_attempts; ++i)
        f.http.answer_error("conversations.create", "name_taken");
    std::string long_name(80, 'a');
    auto taken = run(f.chat.create_channel(long_name, false));
    REQUIRE_FALSE(taken);
    CHECK_FALSE(taken.error().retryable);
    REQUIRE(f.http.requests.size() == 20);
    CHECK(f.body(19)["name"] == std::string(77, 'a') + "-20");

    fixture g;
    g.http.answer_error("conversations.create", "invalid_name_specials");
    auto invalid = run(g.chat.create_channel("Bad Name", false));
    REQUIRE_FALSE(invalid);
    CHECK_FALSE(invalid.error().retryable);
    CHECK(slack_error(invalid.error()) == "invalid_name_specials");
    CHECK(g.http.requests.size() == 1);
}

TEST_CASE("slack: invite in one call; already_in_channel is success") {
    fixture f;
    f.http.answer_ok("conversations.invite", R"({"ok":true,"channel":{"id":"C42"}})");
    REQUIRE(run(f.chat.invite("incident-20260324-checkout", {"U1", "U2"})));
    CHECK(f.body(0) == json{{"channel", "C42"}, {"users", "U1,U2"}});

    f.http.answer_error("conversations.invite", "already_in_channel");
    CHECK(run(f.chat.invite("C42", {"U1"})));
    f.http.answer_error("conversations.invite", "cant_invite_self");
    CHECK(run(f.chat.invite("C42", {"UBOT"})));
    CHECK(run(f.chat.invite("C42", {})));
    CHECK(f.http.requests.size() == 3);
}

TEST_CASE("slack: one refused user does not keep the others out") {
    fixture f;
    f.http.answer_error("conversations.invite", "user_not_found");
    f.http.answer_ok("conversations.invite", R"({"ok":true})");
    f.http.answer_error("conversations.invite", "user_not_found");
    f.http.answer_error("conversations.invite", "already_in_channel");
    auto result = run(f.chat.invite("C42", {"U1", "UGONE", "U3"}));
    REQUIRE_FALSE(result);
    CHECK_FALSE(result.error().retryable);
    CHECK(result.error().message == "UGONE: conversations.invite: user_not_found");
    REQUIRE(f.http.requests.size() == 4);
    CHECK(f.body(1)["users"] == "U1");
    CHECK(f.body(2)["users"] == "UGONE");
    CHECK(f.body(3)["users"] == "U3");

    // A refusal about the channel is not retried user by user.
    fixture g;
    g.http.answer_error("conversations.invite", "is_archived");
    auto archived = run(g.chat.invite("C42", {"U1", "U2"}));
    REQUIRE_FALSE(archived);
    CHECK(g.http.requests.size() == 1);
}

TEST_CASE("slack: set_topic joins the channel when the bot is not in it, and cuts the topic") {
    fixture f;
    f.http.answer_error("conversations.setTopic", "not_in_channel");
    f.http.answer_ok("conversations.join", R"({"ok":true,"channel":{"id":"C42"}})");
    f.http.answer_ok("conversations.setTopic", R"({"ok":true})");
    std::string topic(300, 't');
    REQUIRE(run(f.chat.set_topic("incident-20260324-checkout", topic)));
    CHECK(f.http.methods() ==
          strings{"conversations.setTopic", "conversations.join", "conversations.setTopic"});
    CHECK(f.body(1) == json{{"channel", "C42"}});
    CHECK(f.body(2)["channel"] == "C42");
    CHECK(f.body(2)["topic"] == std::string(249, 't') + "…");

    // Joining once is all: a second not_in_channel is the answer.
    fixture g;
    g.http.answer_error("conversations.setTopic", "not_in_channel");
    g.http.answer_ok("conversations.join", R"({"ok":true})");
    g.http.answer_error("conversations.setTopic", "not_in_channel");
    auto still = run(g.chat.set_topic("C42", "x"));
    REQUIRE_FALSE(still);
    CHECK(g.http.requests.size() == 3);

    // A private channel cannot be joined: both errors are told.
    fixture h;
    h.http.answer_error("conversations.setTopic", "not_in_channel");
    h.http.answer_error("conversations.join", "method_not_supported_for_channel_type");
    auto private_channel = run(h.chat.set_topic("C42", "x"));
    REQUIRE_FALSE(private_channel);
    CHECK(private_channel.error().message ==
          "conversations.setTopic: not_in_channel, and joining failed: conversations.join: "
          "method_not_supported_for_channel_type");
}

TEST_CASE("slack: post_message sends blocks with the text as fallback and returns the ts") {
    fixture f;
    f.http.answer_ok("chat.postMessage", R"({"ok":true,"channel":"C1","ts":"1700000000.000100"})");
    auto ts = run(f.chat.post_message("general",
                                      "*S1* declared: join <#incident-20260324-checkout>", {}, ""));
    REQUIRE(ts);
    CHECK(*ts == "1700000000.000100");
    auto sent = f.body(0);
    CHECK(sent["channel"] == "C1");
    CHECK(sent["text"] == "*S1* declared: join <#C42>");
    CHECK(sent["blocks"] ==
          json::array({{{"type", "section"},
                        {"text", {{"type", "mrkdwn"}, {"text", "*S1* declared: join <#C42>"}}}}}));
}

TEST_CASE("slack: post_message joins and retries once on not_in_channel") {
    fixture f;
    f.http.answer_error("chat.postMessage", "not_in_channel");
    f.http.answer_ok("conversations.join", R"({"ok":true})");
    f.http.answer_ok("chat.postMessage", R"({"ok":true,"ts":"1.2"})");
    auto ts = run(f.chat.post_message("C42", "hello", {}, ""));
    REQUIRE(ts);
    CHECK(*ts == "1.2");
    CHECK(f.http.methods() ==
          strings{"chat.postMessage", "conversations.join", "chat.postMessage"});
    CHECK(f.body(2)["channel"] == "C42");
}

TEST_CASE("slack: post_message falls back to text alone when Slack finds the blocks too long") {
    fixture f;
    f.http.answer_error("chat.postMessage", "msg_blocks_too_long");
    f.http.answer_ok("chat.postMessage", R"({"ok":true,"ts":"1.3"})");
    auto ts = run(f.chat.post_message("C42", "a long history", {}, ""));
    REQUIRE(ts);
    CHECK(f.body(0).contains("blocks"));
    CHECK(f.body(1) == json{{"channel", "C42"}, {"text", "a long history"}});
}

TEST_CASE("slack: post_blocks sends the caller's blocks with the text linked") {
    fixture f;
    f.http.answer_ok("chat.postMessage", R"({"ok":true,"ts":"1.4"})");
    auto ts = run(f.chat.post_blocks("general", "see #general", R"([{"type":"divider"}])"));
    REQUIRE(ts);
    CHECK(*ts == "1.4");
    CHECK(f.body(0) == json{{"channel", "C1"},
                            {"text", "see <#C1>"},
                            {"blocks", json::array({{{"type", "divider"}}})}});
    auto bad = run(f.chat.post_blocks("general", "x", "{}"));
    REQUIRE_FALSE(bad);
    CHECK_FALSE(bad.error().retryable);
    CHECK(f.http.requests.size() == 1);
}

TEST_CASE("slack: update_message, pin and notify_user") {
    fixture f;
    f.http.answer_ok("chat.update", R"({"ok":true})");
    REQUIRE(run(f.chat.update_message("incident-20260324-checkout", "1.2", "now in #general", {})));
    auto update = f.body(0);
    CHECK(update["channel"] == "C42");
    CHECK(update["ts"] == "1.2");
    CHECK(update["text"] == "now in <#C1>");
    CHECK(update["blocks"][0]["text"]["text"] == "now in <#C1>");

    f.http.answer_ok("pins.add", R"({"ok":true})");
    REQUIRE(run(f.chat.pin("incident-20260324-checkout", "1.2")));
    CHECK(f.body(1) == json{{"channel", "C42"}, {"timestamp", "1.2"}});
    f.http.answer_error("pins.add", "already_pinned");
    CHECK(run(f.chat.pin("C42", "1.2")));
    f.http.answer_error("pins.add", "message_not_found");
    CHECK_FALSE(run(f.chat.pin("C42", "1.2")));

    f.http.answer_ok("chat.postMessage", R"({"ok":true,"ts":"9.9"})");
    REQUIRE(run(f.chat.notify_user("U7", "You are IC of <#incident-20260324-checkout>", "e/1")));
    auto dm = f.body(4);
    CHECK(dm["channel"] == "U7");
    CHECK(dm["text"] == "You are IC of <#C42>");
    CHECK(dm["metadata"] ==
          json{{"event_type", "siren_effect"}, {"event_payload", {{"effect", "e/1"}}}});
}

TEST_CASE("slack: find_marked looks for a message by its mark in the channel or the DM") {
    fixture f;
    f.http.answer_ok("conversations.history", R"({"ok":true,"messages":[
        {"type":"message","ts":"3.0","text":"a person"},
        {"type":"message","ts":"2.0","text":"x","metadata":{"event_type":"siren_effect"}},
        {"type":"message","ts":"1.0","text":"intro",
         "metadata":{"event_type":"siren_effect","event_payload":{"effect":"env/2"}}}]})");
    auto found = run(f.chat.find_marked("incident-20260324-checkout", "env/2"));
    REQUIRE(found.has_value());
    CHECK(*found == std::optional<std::string>("1.0"));
    CHECK(f.http.requests[0].request.body == "channel=C42&limit=100&include_all_metadata=true");

    f.http.answer_ok("conversations.open", R"({"ok":true,"channel":{"id":"D7"}})");
    f.http.answer_ok("conversations.history", R"({"ok":true,"messages":[]})");
    auto none = run(f.chat.find_marked("U7", "env/3"));
    REQUIRE(none.has_value());
    CHECK_FALSE(none->has_value());
    CHECK(f.http.requests[2].request.body.starts_with("channel=D7&"));
}

TEST_CASE("slack: channels_created_as lists the bot's own open channels under the name") {
    fixture f;
    f.http.answer_ok("auth.test", R"({"ok":true,"user_id":"UBOT"})");
    f.http.answer_ok("conversations.list", R"({"ok":true,"channels":[
        {"id":"C1","name":"incident-x-2","creator":"UBOT"},
        {"id":"C2","name":"incident-x","creator":"UHUMAN"}],
        "response_metadata":{"next_cursor":"page2"}})");
    f.http.answer_ok("conversations.list", R"({"ok":true,"channels":[
        {"id":"C3","name":"incident-x-3","creator":"UBOT"},
        {"id":"C4","name":"incident-xy","creator":"UBOT"}],
        "response_metadata":{"next_cursor":""}})");
    auto created = run(f.chat.channels_created_as("incident-x"));
    REQUIRE(created.has_value());
    CHECK(*created == strings{"C1", "C3"});
    CHECK(f.http.requests[2].request.body.find("cursor=page2") != std::string::npos);

    // The bot's id is asked once.
    f.http.answer_ok("conversations.list", R"({"ok":true,"channels":[]})");
    REQUIRE(run(f.chat.channels_created_as("incident-y")).has_value());
    CHECK(f.http.methods().back() == "conversations.list");
    CHECK(f.http.methods().size() == 4);
}

TEST_CASE("slack: open_modal, post_ephemeral and user_info") {
    fixture f;
    f.http.answer_ok("views.open", R"({"ok":true,"view":{"id":"V1"}})");
    REQUIRE(run(f.chat.open_modal("111.222.xxx", R"({"type":"modal","blocks":[]})")));
    CHECK(f.body(0) == json{{"trigger_id", "111.222.xxx"},
                            {"view", {{"type", "modal"}, {"blocks", json::array()}}}});
    CHECK_FALSE(run(f.chat.open_modal("t", "not json")));

    f.http.answer_ok("chat.postEphemeral", R"({"ok":true,"message_ts":"1.5"})");
    REQUIRE(run(f.chat.post_ephemeral("general", "U1", "Only you see this")));
    CHECK(f.body(1)["channel"] == "C1");
    CHECK(f.body(1)["user"] == "U1");
    CHECK(f.body(1)["text"] == "Only you see this");

    f.http.answer_ok("users.info", R"({"ok":true,"user":{"id":"U1","name":"alice",
        "real_name":"Alice Liddell","tz":"Europe/Berlin","profile":{"email":"a@x.test"}}})");
    auto alice = run(f.chat.user_info("U1"));
    REQUIRE(alice.has_value());
    CHECK(alice->id == "U1");
    CHECK(alice->name == "alice");
    CHECK(alice->real_name == "Alice Liddell");
    CHECK(alice->tz == "Europe/Berlin");
    CHECK(f.http.requests[2].request.body == "user=U1");

    f.http.answer_error("users.info", "user_not_found");
    auto nobody = run(f.chat.user_info("U404"));
    REQUIRE_FALSE(nobody.has_value());
    CHECK(slack_error(nobody.error()) == "user_not_found");
}

TEST_CASE("slack: a user group is set to exactly the people on call, never to nobody") {
    fixture f;
    f.http.answer_ok("usergroups.users.update", R"({"ok":true,"usergroup":{"id":"S0EOC"}})");
    REQUIRE(run(f.chat.set_group_members("S0EOC", {"U1", "U2"})));
    REQUIRE(f.http.requests.size() == 1);
    json body = json::parse(f.http.requests[0].request.body);
    CHECK(body["usergroup"] == "S0EOC");
    CHECK(body["users"] == "U1,U2");

    auto empty = run(f.chat.set_group_members("S0EOC", {}));
    REQUIRE_FALSE(empty);
    CHECK_FALSE(empty.error().retryable);
    CHECK(f.http.requests.size() == 1);
}

TEST_CASE("slack: fetch_message reads one message from the channel's history") {
    fixture f;
    f.http.answer_ok("conversations.history", R"({"ok":true,"messages":[
        {"type":"message","user":"U111","text":"checkout pods are OOM-killed",
         "ts":"1610241741.000200"}],"has_more":true,"pin_count":1})");
    auto message = run(f.chat.fetch_message("C42", "1610241741.000200"));
    REQUIRE(message.has_value());
    CHECK(message->ts == "1610241741.000200");
    CHECK(message->user == "U111");
    CHECK(message->text == "checkout pods are OOM-killed");
    CHECK(message->thread_ts.empty());
    CHECK(f.http.methods() == strings{"conversations.history"});
    CHECK(f.http.requests[0].request.body ==
          "channel=C42&latest=1610241741.000200&inclusive=true&limit=1");
}

TEST_CASE("slack: fetch_message finds a reply in a thread with conversations.replies") {
    fixture f;
    // The history's newest message up to the ts is an older one: the reply is not in it.
    f.http.answer_ok("conversations.history", R"({"ok":true,"messages":[
        {"type":"message","user":"U111","text":"parent","ts":"1610241700.000100",
         "thread_ts":"1610241700.000100","reply_count":1}]})");
    f.http.answer_ok("conversations.replies", R"({"ok":true,"messages":[
        {"type":"message","user":"U111","text":"parent","ts":"1610241700.000100",
         "thread_ts":"1610241700.000100"},
        {"type":"message","user":"U222","text":"the cache is cold","ts":"1610241741.000200",
         "thread_ts":"1610241700.000100","parent_user_id":"U111"}]})");
    auto reply = run(f.chat.fetch_message("C42", "1610241741.000200"));
    REQUIRE(reply.has_value());
    CHECK(reply->user == "U222");
    CHECK(reply->text == "the cache is cold");
    CHECK(reply->thread_ts == "1610241700.000100");
    CHECK(f.http.methods() == strings{"conversations.history", "conversations.replies"});
    CHECK(f.http.requests[1].request.body == "channel=C42&ts=1610241741.000200&oldest=1610241741."
                                             "000200&latest=1610241741.000200&inclusive=true");
}

TEST_CASE("slack: fetch_message fails when neither history nor replies has the message") {
    fixture f;
    f.http.answer_ok("conversations.history", R"({"ok":true,"messages":[]})");
    f.http.answer_error("conversations.replies", "thread_not_found");
    auto gone = run(f.chat.fetch_message("C42", "1.000002"));
    REQUIRE_FALSE(gone.has_value());
    CHECK_FALSE(gone.error().retryable);
    CHECK(slack_error(gone.error()) == "message_not_found");

    fixture g;
    g.http.answer_error("conversations.history", "not_in_channel");
    auto refused = run(g.chat.fetch_message("C42", "1.000002"));
    REQUIRE_FALSE(refused.has_value());
    CHECK(slack_error(refused.error()) == "not_in_channel");
    CHECK(g.http.methods() == strings{"conversations.history"}); // no point asking for replies

    fixture h;
    h.http.answer("conversations.history", 500, "<html>oops</html>");
    auto down = run(h.chat.fetch_message("C42", "1.000002"));
    REQUIRE_FALSE(down.has_value());
    CHECK(down.error().retryable);
}

TEST_CASE("slack: permalink asks chat.getPermalink") {
    fixture f;
    f.http.answer_ok("chat.getPermalink", R"({"ok":true,"channel":"C42",
        "permalink":"https://acme.slack.com/archives/C42/p1610241741000200"})");
    auto link = run(f.chat.permalink("C42", "1610241741.000200"));
    REQUIRE(link.has_value());
    CHECK(*link == "https://acme.slack.com/archives/C42/p1610241741000200");
    CHECK(f.http.requests[0].request.body == "channel=C42&message_ts=1610241741.000200");

    f.http.answer_error("chat.getPermalink", "message_not_found");
    auto gone = run(f.chat.permalink("C42", "1.000002"));
    REQUIRE_FALSE(gone.has_value());
    CHECK(slack_error(gone.error()) == "message_not_found");

    f.http.answer_ok("chat.getPermalink", R"({"ok":true})");
    CHECK_FALSE(run(f.chat.permalink("C42", "1.000002")).has_value());
}

TEST_CASE("slack: archiving a channel twice is harmless") {
    fixture f;
    f.http.answer_ok("conversations.archive", R"({"ok":true})");
    f.http.answer_error("conversations.archive", "already_archived");
    REQUIRE(run(f.chat.archive_channel("C42")));
    REQUIRE(run(f.chat.archive_channel("C42")));
    CHECK(f.body(0) == json{{"channel", "C42"}});
}

namespace {

constexpr std::string_view upload_url = "https://files.slack.test/upload/v1/abc";

void script_upload_url(fake_http_client& http) {
    http.answer_ok("files.getUploadURLExternal",
                   R"({"ok":true,"upload_url":"https://files.slack.test/upload/v1/abc",)"
                   R"("file_id":"F123"})");
}

} // namespace

TEST_CASE("slack: upload_file asks for an upload URL, sends the bytes, then shares the file") {
    fixture f;
    script_upload_url(f.http);
    f.http.answer("/upload/v1/abc", 200, "OK - 11");
    f.http.answer_ok("files.completeUploadExternal",
                     R"({"ok":true,"files":[{"id":"F123","title":"Review"}]})");
    auto shared = run(f.chat.upload_file("incident-20260324-checkout", "review-119.md", "Review",
                                         "# Review\n\nx", "see #incident-20260324-checkout"));
    REQUIRE(shared.has_value());
    REQUIRE(f.http.paths() == strings{"/api/files.getUploadURLExternal", "/upload/v1/abc",
                                      "/api/files.completeUploadExternal"});
    CHECK(f.http.requests[0].request.body == "filename=review-119.md&length=11");
    const auto& upload = f.http.requests[1];
    CHECK(upload.request.url == upload_url);
    CHECK(upload.request.body == "# Review\n\nx");
    CHECK(upload.header("Content-Type") == std::optional<std::string>("application/octet-stream"));
    CHECK_FALSE(upload.header("Authorization").has_value()); // the URL is pre-signed
    CHECK(f.body(2) == json{{"files", json::array({{{"id", "F123"}, {"title", "Review"}}})},
                            {"channel_id", "C42"},
                            {"initial_comment", "see <#C42>"}});
    CHECK(f.http.requests[2].header("Authorization") ==
          std::optional<std::string>("Bearer xoxb-t"));
}

TEST_CASE("slack: upload_file without a comment, to a channel known only to Slack") {
    fixture f;
    f.http.answer_ok("conversations.list",
                     R"({"ok":true,"channels":[{"id":"C9","name":"reviews","creator":"U1"}]})");
    script_upload_url(f.http);
    f.http.answer("/upload/v1/abc", 200, "OK - 2");
    f.http.answer_ok("files.completeUploadExternal", R"({"ok":true,"files":[{"id":"F123"}]})");
    REQUIRE(run(f.chat.upload_file("reviews", "r.md", "R", "hi", "")).has_value());
    CHECK(f.body(3) ==
          json{{"files", json::array({{{"id", "F123"}, {"title", "R"}}})}, {"channel_id", "C9"}});

    fixture g;
    g.http.answer_ok("conversations.list", R"({"ok":true,"channels":[]})");
    auto nowhere = run(g.chat.upload_file("reviews", "r.md", "R", "hi", ""));
    REQUIRE_FALSE(nowhere);
    CHECK_FALSE(nowhere.error().retryable);
    CHECK(slack_error(nowhere.error()) == "channel_not_found");
    CHECK(g.http.methods() == strings{"conversations.list"});
}

TEST_CASE("slack: upload_file fails at each step with what the step said") {
    SUBCASE("no upload URL: nothing else is sent") {
        fixture f;
        f.http.answer_error("files.getUploadURLExternal", "file_uploads_disabled");
        auto refused = run(f.chat.upload_file("incident-20260324-checkout", "r.md", "R", "x", ""));
        REQUIRE_FALSE(refused);
        CHECK_FALSE(refused.error().retryable);
        CHECK(slack_error(refused.error()) == "file_uploads_disabled");
        CHECK(f.http.requests.size() == 1);
    }
    SUBCASE("an answer without upload_url") {
        fixture f;
        f.http.answer_ok("files.getUploadURLExternal", R"({"ok":true,"file_id":"F1"})");
        auto odd = run(f.chat.upload_file("incident-20260324-checkout", "r.md", "R", "x", ""));
        REQUIRE_FALSE(odd);
        CHECK(f.http.requests.size() == 1);
    }
    SUBCASE("the upload gets a 5xx: retryable, and the file was never shared") {
        fixture f;
        script_upload_url(f.http);
        f.http.answer("/upload/v1/abc", 503, "<html>busy</html>");
        auto busy = run(f.chat.upload_file("incident-20260324-checkout", "r.md", "R", "x", ""));
        REQUIRE_FALSE(busy);
        CHECK(busy.error().retryable);
        CHECK_FALSE(busy.error().outcome_unknown);
        CHECK(busy.error().message == "the file upload got HTTP 503");
        CHECK(f.http.requests.size() == 2);
    }
    SUBCASE("the upload is refused: not retryable, the URL not in the message") {
        fixture f;
        script_upload_url(f.http);
        f.http.answer("/upload/v1/abc", 404, "Not Found");
        auto gone = run(f.chat.upload_file("incident-20260324-checkout", "r.md", "R", "x", ""));
        REQUIRE_FALSE(gone);
        CHECK_FALSE(gone.error().retryable);
        CHECK(gone.error().message.find("files.slack.test") == std::string::npos);
    }
    SUBCASE("the upload's connection breaks: retryable, still nothing shared") {
        fixture f;
        script_upload_url(f.http);
        f.http.fail("/upload/v1/abc", boost::asio::error::connection_reset);
        auto cut = run(f.chat.upload_file("incident-20260324-checkout", "r.md", "R", "x", ""));
        REQUIRE_FALSE(cut);
        CHECK(cut.error().retryable);
        CHECK_FALSE(cut.error().outcome_unknown);
    }
    SUBCASE("completing fails: Slack's error") {
        fixture f;
        script_upload_url(f.http);
        f.http.answer("/upload/v1/abc", 200, "OK - 1");
        f.http.answer_error("files.completeUploadExternal", "not_in_channel");
        auto refused = run(f.chat.upload_file("incident-20260324-checkout", "r.md", "R", "x", ""));
        REQUIRE_FALSE(refused);
        CHECK(slack_error(refused.error()) == "not_in_channel");
        CHECK(f.http.requests.size() == 3);
    }
    SUBCASE("completing breaks off: the share may have happened") {
        fixture f;
        script_upload_url(f.http);
        f.http.answer("/upload/v1/abc", 200, "OK - 1");
        f.http.fail("files.completeUploadExternal", boost::asio::error::timed_out);
        auto unknown = run(f.chat.upload_file("incident-20260324-checkout", "r.md", "R", "x", ""));
        REQUIRE_FALSE(unknown);
        CHECK(unknown.error().retryable);
        CHECK(unknown.error().outcome_unknown);
    }
}

TEST_CASE("slack: file_shared looks for the file by name and title in the channel's files") {
    fixture f;
    f.http.answer_ok("files.list", R"({"ok":true,"files":[
        {"id":"F1","name":"review-119.md","title":"Another title"},
        {"id":"F2","name":"other.md","title":"Review"}],
        "paging":{"count":100,"total":3,"page":1,"pages":2}})");
    f.http.answer_ok("files.list", R"({"ok":true,"files":[
        {"id":"F3","name":"review-119.md","title":"Review"}],
        "paging":{"count":100,"total":3,"page":2,"pages":2}})");
    auto since = time_point{seconds{1774340100}};
    auto found =
        run(f.chat.file_shared("incident-20260324-checkout", "review-119.md", "Review", since));
    REQUIRE(found.has_value());
    CHECK(*found);
    CHECK(f.http.requests[0].request.body == "channel=C42&ts_from=1774340100&count=100&page=1");
    CHECK(f.http.requests[1].request.body.ends_with("&page=2"));

    f.http.answer_ok("files.list", R"({"ok":true,"files":[
        {"id":"F1","name":"review-119.md","title":"Another title"}],
        "paging":{"count":100,"total":1,"page":1,"pages":1}})");
    auto missing =
        run(f.chat.file_shared("incident-20260324-checkout", "review-119.md", "Review", since));
    REQUIRE(missing.has_value());
    CHECK_FALSE(*missing);
    CHECK(f.http.requests.size() == 3);

    f.http.answer_error("files.list", "missing_scope");
    auto refused =
        run(f.chat.file_shared("incident-20260324-checkout", "review-119.md", "Review", since));
    REQUIRE_FALSE(refused);
    CHECK(slack_error(refused.error()) == "missing_scope");
}
