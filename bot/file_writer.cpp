#include "bot/file_writer.hpp"

#include <filesystem>
#include <fstream>
#include <system_error>

namespace siren {

adapters::call_result<> write_file_whole(const std::string& path, const std::string& content) {
    namespace fs = std::filesystem;
    auto failure = [&](const std::string& why) {
        return adapters::failed(
            {.retryable = true, .message = "cannot write " + path + ": " + why});
    };
    fs::path target(path);
    std::error_code ec;
    if (target.has_parent_path())
        fs::create_directories(target.parent_path(), ec);
    if (ec)
        return failure(ec.message());
    fs::path temporary = target;
    temporary += ".tmp";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << content;
        out.flush();
        if (!out)
            return failure("the write failed");
    }
    fs::rename(temporary, target, ec);
    if (ec)
        return failure(ec.message());
    return adapters::succeeded();
}

std::string path_under(const std::string& directory, const std::string& path) {
    std::filesystem::path p(path);
    if (directory.empty() || p.is_absolute())
        return path;
    return (std::filesystem::path(directory) / p).string();
}

std::string directory_of(const std::string& file) {
    return std::filesystem::path(file).parent_path().string();
}

} // namespace siren
