#include "world/wire_helper.h"

#include "ns3/double.h"
#include "world/world.h"

namespace linuxnet {

ns3::TypeId WireHelper::GetTypeId() {
  static ns3::TypeId tid =
      ns3::TypeId("linuxnet::WireHelper")
          .SetParent<ns3::Object>()
          .SetGroupName("Linuxnet")
          .AddConstructor<WireHelper>()
          .AddAttribute("DataRate", "The wire's rate in each direction.", ns3::DataRateValue(ns3::DataRate("1Gbps")),
                        ns3::MakeDataRateAccessor(&WireHelper::rate_), ns3::MakeDataRateChecker())
          .AddAttribute("Delay", "The propagation delay.", ns3::TimeValue(ns3::Seconds(0)),
                        ns3::MakeTimeAccessor(&WireHelper::delay_), ns3::MakeTimeChecker())
          .AddAttribute("Loss", "The probability that a frame is lost.", ns3::DoubleValue(0.0),
                        ns3::MakeDoubleAccessor(&WireHelper::loss_), ns3::MakeDoubleChecker<double>(0.0, 1.0));
  return tid;
}

Wire* WireHelper::Install(World& world, Host* a, const std::string& dev_a, Host* b, const std::string& dev_b,
                          std::string* error) const {
  std::string err;
  Wire* w = world.AddWire(a, dev_a, b, dev_b, rate_.GetBitRate(), delay_.GetPicoSeconds(), loss_, &err);
  if (error) *error = err;
  return w;
}

}  // namespace linuxnet
