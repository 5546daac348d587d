// A Host's cost table as a file: one line per modelled kernel function,
//   FUNCTION A_NS [B_NS_PER_BYTE]
// (the function's CPU time per call is A + B x the skb's length in bytes, in nanoseconds, with
// up to three decimals), `#` comments and blank lines ignored; functions not named cost nothing.
// `#@ costs FILE` in a script and Host::LoadCosts from C++/Python read it.
#pragma once
#include <iosfwd>
#include <string>

namespace linuxnet {

class Host;

// Replaces the Host's table with the file's. On a malformed line, returns false with
// "FILE:LINE: what" in *error and leaves the table as it was.
bool LoadCostTable(Host* host, std::istream& in, const std::string& name, std::string* error);

// The table compiled in from src/sim/default.costs (the one `./linuxnet calibrate` fitted), which
// every Host starts with; and an all-zero table (no time passes: the functional model alone).
void LoadDefaultCostTable(Host* host);
void ClearCostTable(Host* host);

// The table as LoadCostTable reads it, the functions with a non-zero cost only.
std::string FormatCostTable(const Host* host);

}  // namespace linuxnet
