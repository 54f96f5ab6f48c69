#include "tia/http/router.h"

#include <gtest/gtest.h>

namespace tia::http {
namespace {

Handler Answer(int status) {
  return [status](Request&) -> Result<Response> {
    Response r;
    r.status = status;
    return r;
  };
}

TEST(Router, ARouteAddedEarlyKeepsItsAddressWhileHundredsMoreAreAdded) {
  Router router;
  Route& first = router.Add("PUT", "/api/v1/things/{id}", Access::kAuthenticated, Answer(201));
  for (int i = 0; i < 500; ++i) {
    router.Add("GET", "/api/v1/other/" + std::to_string(i), Access::kPublic, Answer(200));
  }
  // Set after the Adds: with a vector this wrote into freed memory (ASan reports it).
  first.exec = Exec::kInline;
  std::unordered_map<std::string, std::string> params;
  Match m = router.Find("PUT", "/api/v1/things/abc", params);
  ASSERT_EQ(m.route, &first);
  EXPECT_EQ(m.route->exec, Exec::kInline);
  EXPECT_EQ(params.at("id"), "abc");
}

TEST(Router, AnotherMethodOnAKnownPathListsTheAllowedOnes) {
  Router router;
  router.Add("GET", "/a/{id}", Access::kPublic, Answer(200));
  router.Add("DELETE", "/a/{id}", Access::kPublic, Answer(204));
  std::unordered_map<std::string, std::string> params;
  Match m = router.Find("POST", "/a/1", params);
  EXPECT_EQ(m.route, nullptr);
  EXPECT_EQ(m.allowed, (std::vector<std::string>{"GET", "DELETE"}));
  EXPECT_NE(router.Find("HEAD", "/a/1", params).route, nullptr);  // HEAD is served by GET
  EXPECT_EQ(router.Find("GET", "/a", params).route, nullptr);     // a segment is not optional
  EXPECT_TRUE(router.Find("GET", "/b/1", params).allowed.empty());
}

}  // namespace
}  // namespace tia::http
