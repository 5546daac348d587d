// ns-3's way of building what `#@ host` and `#@ wire` lines build: a helper whose Attributes are
// the wire's ("DataRate", "Delay", "Loss") and whose Install joins two machines of a World with
// an e1000 on each, as ns-3's PointToPointHelper joins two Nodes.
//   linuxnet::World w;
//   linuxnet::Host* b = w.AddHost("b");
//   linuxnet::WireHelper wire;
//   wire.SetAttribute("DataRate", ns3::DataRateValue(ns3::DataRate("10Gbps")));
//   wire.SetAttribute("Delay", ns3::TimeValue(ns3::MicroSeconds(5)));
//   wire.Install(w, w.default_host(), "eth0", b, "eth0");
#pragma once
#include <string>

#include "ns3/data-rate.h"
#include "ns3/nstime.h"
#include "ns3/object.h"

namespace linuxnet {

class Host;
class Wire;
class World;

class WireHelper : public ns3::Object {
 public:
  static ns3::TypeId GetTypeId();
  // the wire and its two e1000s (World::AddWire); nullptr and *error when a name is taken
  Wire* Install(World& world, Host* a, const std::string& dev_a, Host* b, const std::string& dev_b,
                std::string* error = nullptr) const;

 private:
  ns3::DataRate rate_{1000000000};
  ns3::Time delay_;
  double loss_ = 0;
};

}  // namespace linuxnet
