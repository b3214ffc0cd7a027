//===- NpyTest.cpp - Tests for .npy reading and writing -------------------===//

#include "runtime/io/Npy.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <random>

using namespace snn::runtime;

namespace {

/// A .npy file with the given header dict and raw payload.
std::string npyBytes(const std::string &dict, const std::string &payload,
                     int version = 1) {
  std::string header = dict;
  size_t prefix = version == 1 ? 10 : 12;
  header.append((64 - (prefix + header.size() + 1) % 64) % 64, ' ');
  header += '\n';
  std::string b = "\x93NUMPY";
  b += static_cast<char>(version);
  b += '\0';
  for (size_t k = 0; k < (version == 1 ? 2u : 4u); ++k)
    b += static_cast<char>((header.size() >> (8 * k)) & 0xff);
  return b + header + payload;
}

template <typename T> std::string raw(std::initializer_list<T> values) {
  std::string s;
  for (T v : values)
    s.append(reinterpret_cast<const char *>(&v), sizeof(T));
  return s;
}

std::string tempPath(const std::string &name) {
  return ::testing::TempDir() + "/" + name;
}

} // namespace

// Tests that a written float32 array reads back with shape and values intact.
TEST(Npy, RoundTrip) {
  Tensor t({2, 3});
  for (int k = 0; k < 6; ++k)
    t.data[k] = 0.25f * k - 1.0f;
  std::string err, path = tempPath("roundtrip.npy");
  ASSERT_TRUE(writeNpy(path, t, err)) << err;
  Tensor back;
  ASSERT_TRUE(readNpy(path, back, err)) << err;
  EXPECT_EQ(back.shape, t.shape);
  EXPECT_EQ(back.data, t.data);
  std::remove(path.c_str());
}

// Tests the header NumPy expects: 64-byte alignment and "(n,)" 1-tuples.
TEST(Npy, HeaderFormat) {
  Tensor t({5});
  std::string bytes = serializeNpy(t);
  size_t headerLen = static_cast<unsigned char>(bytes[8]) |
                     static_cast<unsigned char>(bytes[9]) << 8;
  EXPECT_EQ((10 + headerLen) % 64, 0u);
  EXPECT_NE(bytes.find("'shape': (5,)"), std::string::npos);
  EXPECT_NE(bytes.find("'descr': '<f4'"), std::string::npos);
  EXPECT_EQ(bytes.size(), 10 + headerLen + 5 * sizeof(float));
  Tensor scalar{std::vector<int64_t>{}};
  scalar.data = {3.5f};
  Tensor back;
  std::string err;
  ASSERT_TRUE(parseNpy(serializeNpy(scalar), "s.npy", back, err)) << err;
  EXPECT_TRUE(back.shape.empty());
  EXPECT_EQ(back.data, std::vector<float>{3.5f});
}

// Tests conversion of each supported integer/bool/float dtype to float32.
TEST(Npy, Dtypes) {
  struct Case {
    const char *descr;
    std::string payload;
    std::vector<float> expected;
  } cases[] = {
      {"|b1", raw<uint8_t>({0, 1, 2}), {0, 1, 1}},
      {"|u1", raw<uint8_t>({0, 200, 255}), {0, 200, 255}},
      {"|i1", raw<int8_t>({-128, -1, 7}), {-128, -1, 7}},
      {"<u2", raw<uint16_t>({1, 65535, 3}), {1, 65535, 3}},
      {"<i2", raw<int16_t>({-300, 2, 3}), {-300, 2, 3}},
      {"<u4", raw<uint32_t>({1, 4000000000u, 3}), {1, 4e9f, 3}},
      {"<i4", raw<int32_t>({-70000, 0, 5}), {-70000, 0, 5}},
      {"<u8", raw<uint64_t>({1, 2, 3}), {1, 2, 3}},
      {"<i8", raw<int64_t>({-5, 0, 1LL << 40}), {-5, 0, 1099511627776.0f}},
      {"<f4", raw<float>({0.5f, -2.0f, 1e30f}), {0.5f, -2.0f, 1e30f}},
      {"<f8", raw<double>({0.1, -3.0, 2.5}), {0.1f, -3.0f, 2.5f}},
  };
  for (const Case &c : cases) {
    std::string dict = std::string("{'descr': '") + c.descr +
                       "', 'fortran_order': False, 'shape': (3,), }";
    Tensor t;
    std::string err;
    ASSERT_TRUE(parseNpy(npyBytes(dict, c.payload), "d.npy", t, err))
        << c.descr << ": " << err;
    EXPECT_EQ(t.shape, std::vector<int64_t>{3}) << c.descr;
    EXPECT_EQ(t.data, c.expected) << c.descr;
  }
}

// Tests that format versions 2 and 3 (4-byte header length) are read.
TEST(Npy, Versions2And3) {
  for (int version : {2, 3}) {
    std::string dict = "{'descr': '<f4', 'fortran_order': False, "
                       "'shape': (1, 2), }";
    Tensor t;
    std::string err;
    ASSERT_TRUE(
        parseNpy(npyBytes(dict, raw<float>({1, 2}), version), "v.npy", t, err))
        << err;
    EXPECT_EQ(t.shape, (std::vector<int64_t>{1, 2}));
    EXPECT_EQ(t.data, (std::vector<float>{1, 2}));
  }
}

namespace {
std::string parseError(const std::string &bytes) {
  Tensor t;
  std::string err;
  EXPECT_FALSE(parseNpy(bytes, "x.npy", t, err));
  EXPECT_EQ(err.rfind("x.npy: ", 0), 0u) << err;
  return err;
}
const std::string kF4 = "{'descr': '<f4', 'fortran_order': False, "
                        "'shape': (2, 2), }";
} // namespace

// Tests each rejected file with a message naming file and problem.
TEST(Npy, Errors) {
  std::string good = npyBytes(kF4, raw<float>({1, 2, 3, 4}));
  EXPECT_NE(parseError(good.substr(0, good.size() - 3)).find("truncated data"),
            std::string::npos);
  EXPECT_NE(parseError(good.substr(0, 20)).find("truncated header"),
            std::string::npos);
  EXPECT_NE(parseError("PK\x03\x04 not numpy").find("bad magic"),
            std::string::npos);
  std::string complex = "{'descr': '<c8', 'fortran_order': False, "
                        "'shape': (1,), }";
  EXPECT_NE(parseError(npyBytes(complex, std::string(8, '\0')))
                .find("unsupported dtype '<c8'"),
            std::string::npos);
  std::string big = "{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }";
  EXPECT_NE(parseError(npyBytes(big, std::string(4, '\0'))).find("big-endian"),
            std::string::npos);
  std::string f2 = "{'descr': '<f2', 'fortran_order': False, 'shape': (1,), }";
  EXPECT_NE(parseError(npyBytes(f2, std::string(2, '\0')))
                .find("unsupported dtype '<f2'"),
            std::string::npos);
  EXPECT_NE(parseError(npyBytes("{'descr': '<f4'}", "")).find("malformed"),
            std::string::npos);
  std::string huge = "{'descr': '<f8', 'fortran_order': False, "
                     "'shape': (4294967296, 4294967296, 16), }";
  EXPECT_NE(parseError(npyBytes(huge, "")).find("truncated"),
            std::string::npos);
  Tensor t;
  std::string err;
  EXPECT_FALSE(readNpy(tempPath("does-not-exist.npy"), t, err));
  EXPECT_NE(err.find("cannot open"), std::string::npos);
}

// Tests that a Fortran-order (column-major) file lands in row-major order:
// the file's [1, 4, 2, 5, 3, 6] is the (2, 3) matrix [[1, 2, 3], [4, 5, 6]].
TEST(Npy, FortranOrder) {
  std::string dict = "{'descr': '<f4', 'fortran_order': True, "
                     "'shape': (2, 3), }";
  Tensor t;
  std::string err;
  ASSERT_TRUE(
      parseNpy(npyBytes(dict, raw<float>({1, 4, 2, 5, 3, 6})), "f.npy", t, err))
      << err;
  EXPECT_EQ(t.shape, (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(t.data, (std::vector<float>{1, 2, 3, 4, 5, 6}));
}

// Tests that random garbage and every truncation of a valid file are rejected
// without crashing.
TEST(Npy, GarbageNeverCrashes) {
  std::string good = npyBytes(kF4, raw<float>({1, 2, 3, 4}));
  for (size_t len = 0; len < good.size(); ++len) {
    Tensor t;
    std::string err;
    EXPECT_FALSE(parseNpy(good.substr(0, len), "x.npy", t, err)) << len;
  }
  std::mt19937 rng(7);
  for (int trial = 0; trial < 2000; ++trial) {
    std::string bytes = good;
    for (int k = 0; k < 4; ++k)
      bytes[rng() % bytes.size()] = static_cast<char>(rng());
    Tensor t;
    std::string err;
    if (!parseNpy(bytes, "x.npy", t, err)) {
      EXPECT_FALSE(err.empty());
    }
  }
}
