#include "silian/modules/deliberation/storage/property_store.hpp"

namespace silian::deliberation {
std::vector<RegisteredPart> register_of(db::Lease& lease, std::int64_t community_id) {
  std::vector<RegisteredPart> out;
  RegisteredPart r;
  long long community = community_id, area = 0, developer = 0, account = 0;
  soci::statement st =
      (lease.session().prepare << "SELECT code, holder, area, developer_held, "
                                  "COALESCE(account_id, 0) FROM property_parts WHERE "
                                  "community_id = :c ORDER BY code",
       soci::use(community), soci::into(r.part.id), soci::into(r.part.holder), soci::into(area),
       soci::into(developer), soci::into(account));
  st.execute();
  while (st.fetch()) {
    r.part.area = area;
    r.part.developer_held = developer != 0;
    r.account_id = account;
    out.push_back(r);
  }
  return out;
}

void replace_register(db::Lease& lease, std::int64_t community_id,
                      const std::vector<RegisteredPart>& parts) {
  long long community = community_id;
  lease.session() << "DELETE FROM property_parts WHERE community_id = :c", soci::use(community);
  for (const auto& r : parts) {
    long long area = r.part.area, developer = r.part.developer_held ? 1 : 0, account = r.account_id;
    soci::indicator account_ind = r.account_id ? soci::i_ok : soci::i_null;
    lease.session() << "INSERT INTO property_parts (community_id, code, holder, area, "
                       "developer_held, account_id) VALUES (:c, :code, :h, :a, :d, :acc)",
        soci::use(community), soci::use(r.part.id), soci::use(r.part.holder), soci::use(area),
        soci::use(developer), soci::use(account, account_ind);
  }
}
bool owners_vote_open(db::Lease& lease, std::int64_t community_id) {
  long long community = community_id, n = 0;
  lease.session() << "SELECT COUNT(*) FROM votes v JOIN topics t ON t.id = v.topic_id WHERE "
                     "v.status = 'open' AND v.electorate = 'owners' AND t.community_id = :c",
      soci::use(community), soci::into(n);
  return n > 0;
}
}  // namespace silian::deliberation
