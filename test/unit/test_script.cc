// The scenario reader's word splitting (src/scenario/script.cc). Source of the expectations: the
// bash manual, 3.1.2.4 "ANSI-C Quoting" ($'...' escapes) and 3.1.2.2/3 (single and double quotes).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "scenario/script.h"

namespace linuxnet {
namespace {

std::vector<std::string> Words(const std::string& line) {
  std::vector<std::string> argv;
  Redirections redir;
  std::string error;
  EXPECT_TRUE(ParseCommandLine(line, &argv, &redir, &error)) << error;
  return argv;
}

TEST(ScriptWords, AnsiCQuotingDecodesBashsEscapes) {
  EXPECT_EQ(Words("echo $'a\\tb'"), (std::vector<std::string>{"echo", "a\tb"}));
  EXPECT_EQ(Words("x $'\\n\\r\\v\\f\\a\\b\\e\\E'"), (std::vector<std::string>{"x", "\n\r\v\f\a\b\x1b\x1b"}));
  EXPECT_EQ(Words("x $'\\\\ \\' \\\" \\?'"), (std::vector<std::string>{"x", "\\ ' \" ?"}));
  // octal: up to three digits; hex: up to two
  EXPECT_EQ(Words("x $'\\101\\0618' $'\\x41\\x4a4'"), (std::vector<std::string>{"x", "A18", "AJ4"}));
  // an unknown escape stays as written; quoting joins with what is next to it
  EXPECT_EQ(Words("x $'\\q'z p$'\\x20'q"), (std::vector<std::string>{"x", "\\qz", "p q"}));
  // inside single or double quotes $'...' is not special
  EXPECT_EQ(Words("x '$'\\t'' \"$'\\t'\""), (std::vector<std::string>{"x", "$t", "$'\\t'"}));
}

TEST(ScriptWords, AnUnterminatedAnsiCQuoteIsAnError) {
  std::vector<std::string> argv;
  Redirections redir;
  std::string error;
  EXPECT_FALSE(ParseCommandLine("echo $'abc", &argv, &redir, &error));
  EXPECT_EQ(error, "unexpected EOF while looking for matching `''");
  EXPECT_FALSE(ParseCommandLine("echo $'ab\\'", &argv, &redir, &error));
}

}  // namespace
}  // namespace linuxnet
