#pragma once
namespace linuxnet {
// The module_init calls: packet handlers, netdevice notifiers. Idempotent.
void LinuxnetSubsysInit();
}
