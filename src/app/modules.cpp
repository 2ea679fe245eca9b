#include "silian/app/modules.hpp"

#include "silian/modules/appeals/module.hpp"
#include "silian/modules/deliberation/module.hpp"
#include "silian/modules/lists/module.hpp"
#include "silian/modules/org/module.hpp"

namespace silian::app {
std::vector<Module> modules() {
  std::vector<Module> out;
  out.push_back(org::org_module());
  out.push_back(lists::lists_module());
  out.push_back(appeals::appeals_module());
  out.push_back(deliberation::deliberation_module());
  return out;
}
}  // namespace silian::app
