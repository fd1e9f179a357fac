#pragma once
// The status page as one HTML document: no JavaScript, no external resources, readable on a
// phone, every status said in words (never by colour alone). Everything from people (titles,
// updates) and from the configuration is escaped.

#include "commands/status_page.hpp"

#include <string>

namespace siren::commands {

std::string status_page_html(const status_page& page);

} // namespace siren::commands
