#include "common/vector.h"

#include <cstring>

#include "absl/strings/str_cat.h"

namespace fluxdb {

Vector::Vector(LogicalType type, idx_t capacity) : type_(type), capacity_(capacity) {
  Allocate(capacity);
}

Vector::Vector(const Value& value) : type_(value.type()), capacity_(kVectorSize) {
  SetConstant(value);
}

void Vector::Allocate(idx_t capacity) {
  idx_t bytes = capacity * type_.physical_size();
  buffer_ = std::make_shared_for_overwrite<uint8_t[]>(bytes == 0 ? 1 : bytes);
  data_ = buffer_.get();
  validity_ = ValidityMask(capacity);
}

StringHeap& Vector::string_heap() {
  if (!heap_) heap_ = std::make_shared<StringHeap>();
  return *heap_;
}

void Vector::KeepAlive(std::shared_ptr<const void> buffer) {
  keep_alive_.push_back(std::move(buffer));
}

void Vector::ResetToFlat() {
  encoding_ = VectorEncoding::kFlat;
  child_.reset();
  selection_ = SelectionVector();
  keep_alive_.clear();
  if (heap_ && heap_.use_count() == 1) {
    heap_->Clear();
  } else {
    heap_.reset();
  }
  // A buffer that is shared (or was sized for a constant) is replaced, never written.
  bool reusable = buffer_ && buffer_.use_count() == 1 && data_ == buffer_.get() &&
                  validity_.capacity() >= capacity_;
  if (reusable) {
    validity_.SetAllValid(capacity_);
  } else {
    Allocate(capacity_);
  }
}

void Vector::SetConstant(const Value& value) {
  child_.reset();
  selection_ = SelectionVector();
  keep_alive_.clear();
  heap_.reset();
  if (capacity_ == 0) capacity_ = kVectorSize;
  idx_t bytes = type_.physical_size();
  buffer_ = std::make_shared_for_overwrite<uint8_t[]>(bytes == 0 ? 1 : bytes);
  data_ = buffer_.get();
  // The mask keeps the vector's capacity so a later ResetToFlat can reuse it.
  validity_ = ValidityMask(capacity_);
  encoding_ = VectorEncoding::kConstant;
  if (value.is_null()) {
    std::memset(data_, 0, bytes);
    validity_.SetInvalid(0);
  } else {
    SetValue(0, value);
  }
}

void Vector::Reference(const Vector& other) {
  type_ = other.type_;
  encoding_ = other.encoding_;
  capacity_ = other.capacity_;
  data_ = other.data_;
  buffer_ = other.buffer_;
  validity_ = other.validity_;
  heap_ = other.heap_;
  keep_alive_ = other.keep_alive_;
  child_ = other.child_;
  selection_ = other.selection_;
}

void Vector::ReferenceAs(const Vector& other, LogicalType type) {
  Reference(other);
  type_ = type;
}

void Vector::Slice(const SelectionVector& sel, idx_t count) {
  if (encoding_ == VectorEncoding::kConstant) return;
  SelectionVector owned(count == 0 ? 1 : count);
  if (encoding_ == VectorEncoding::kDictionary) {
    for (idx_t i = 0; i < count; i++) owned.set_index(i, selection_.get_index(sel.get_index(i)));
    selection_ = std::move(owned);
    return;
  }
  for (idx_t i = 0; i < count; i++) owned.set_index(i, sel.get_index(i));
  auto child = std::make_shared<Vector>();
  child->Reference(*this);
  child_ = std::move(child);
  selection_ = std::move(owned);
  encoding_ = VectorEncoding::kDictionary;
  data_ = nullptr;
  buffer_.reset();
  validity_.Reset();
  heap_.reset();
  keep_alive_.clear();
}

void Vector::Slice(const Vector& other, const SelectionVector& sel, idx_t count) {
  Reference(other);
  Slice(sel, count);
}

void Vector::SetDictionary(std::shared_ptr<Vector> dictionary, SelectionVector codes) {
  encoding_ = VectorEncoding::kDictionary;
  child_ = std::move(dictionary);
  selection_ = std::move(codes);
  data_ = nullptr;
  buffer_.reset();
  validity_.Reset();
  heap_.reset();
  keep_alive_.clear();
}

void Vector::ToUnified(idx_t count, UnifiedVector* out) const {
  switch (encoding_) {
    case VectorEncoding::kFlat:
      out->identity = SelectionVector();
      out->sel = &out->identity;
      out->data = data_;
      out->validity = &validity_;
      break;
    case VectorEncoding::kConstant:
      out->sel = &SelectionVector::Zero();
      out->data = data_;
      out->validity = &validity_;
      break;
    case VectorEncoding::kDictionary:
      out->sel = &selection_;
      out->data = child_->data_;
      out->validity = &child_->validity_;
      break;
  }
}

void Vector::Flatten(idx_t count) {
  if (encoding_ == VectorEncoding::kFlat) return;
  UnifiedVector source;
  ToUnified(count, &source);
  idx_t width = type_.physical_size();
  idx_t capacity = count > capacity_ ? count : capacity_;
  auto buffer = std::make_shared_for_overwrite<uint8_t[]>(capacity * width == 0 ? 1 : capacity * width);
  ValidityMask validity(capacity);
  for (idx_t i = 0; i < count; i++) {
    idx_t src = source.sel->get_index(i);
    std::memcpy(buffer.get() + i * width, source.data + src * width, width);
    if (!source.validity->IsValid(src)) validity.SetInvalid(i);
  }
  // Strings in the new buffer still point into the old heap or dictionary: keep those alive.
  if (encoding_ == VectorEncoding::kDictionary) keep_alive_.push_back(child_);
  keep_alive_.push_back(buffer_);
  child_.reset();
  selection_ = SelectionVector();
  buffer_ = std::move(buffer);
  data_ = buffer_.get();
  validity_ = std::move(validity);
  capacity_ = capacity;
  encoding_ = VectorEncoding::kFlat;
}

Value Vector::GetValue(idx_t row) const {
  UnifiedVector u;
  ToUnified(row + 1, &u);
  idx_t index = u.sel->get_index(row);
  if (!u.validity->IsValid(index)) return Value(type_);
  return DispatchPhysical(type_.physical(), [&]<typename T>() {
    return Value::FromPhysical<T>(type_, u.values<T>()[index]);
  });
}

void Vector::SetValue(idx_t row, const Value& value) {
  if (value.is_null()) {
    validity_.SetInvalid(row);
    return;
  }
  validity_.SetValid(row);
  DispatchPhysical(type_.physical(), [&]<typename T>() {
    if constexpr (std::is_same_v<T, StringRef>) {
      data<StringRef>()[row] = AddString(value.GetString());
    } else {
      data<T>()[row] = value.GetPhysical<T>();
    }
  });
}

void Vector::CopyRows(const Vector& source, const SelectionVector& sel, idx_t count,
                      idx_t dst_offset) {
  UnifiedVector u;
  source.ToUnified(count, &u);
  DispatchPhysical(type_.physical(), [&]<typename T>() {
    const T* src = u.values<T>();
    T* dst = data<T>() + dst_offset;
    for (idx_t i = 0; i < count; i++) {
      idx_t index = u.sel->get_index(sel.get_index(i));
      if (!u.validity->IsValid(index)) {
        validity_.SetInvalid(dst_offset + i);
        dst[i] = T{};
        continue;
      }
      validity_.SetValid(dst_offset + i);
      if constexpr (std::is_same_v<T, StringRef>) {
        dst[i] = src[index].IsInlined() ? src[index] : AddString(src[index].view());
      } else {
        dst[i] = src[index];
      }
    }
  });
}

void Vector::CopyRange(const Vector& source, idx_t src_offset, idx_t count, idx_t dst_offset) {
  if (src_offset == 0) {
    CopyRows(source, SelectionVector(), count, dst_offset);
    return;
  }
  SelectionVector sel(count == 0 ? 1 : count);
  for (idx_t i = 0; i < count; i++) sel.set_index(i, src_offset + i);
  CopyRows(source, sel, count, dst_offset);
}

std::string Vector::ToString(idx_t count) const {
  std::string result = absl::StrCat(type_.ToString(), "[");
  for (idx_t i = 0; i < count; i++) {
    if (i > 0) result += ", ";
    result += GetValue(i).ToString();
  }
  return result + "]";
}

}  // namespace fluxdb
