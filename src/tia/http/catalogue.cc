#include "tia/http/catalogue.h"

#include <map>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace tia::http {
namespace {

// English -> Vietnamese. `{}` is a varying part, carried over in order.
constexpr std::pair<std::string_view, std::string_view> kVi[] = {
    // Signing in and accounts.
    {"sign in first", "hãy đăng nhập trước"},
    {"the e-mail or password is wrong", "e-mail hoặc mật khẩu không đúng"},
    {"too many failed sign-ins; try again later", "đăng nhập sai quá nhiều lần; hãy thử lại sau"},
    {"an account with this e-mail exists", "đã có tài khoản với e-mail này"},
    {"a version that is {} cannot be given the action {}",
     "phiên bản đang ở trạng thái {} không thể thực hiện thao tác {}"},
    {"an article with this slug exists", "đã có bài viết với địa chỉ (slug) này"},
    {"version {} is still open; finish or return it first",
     "phiên bản {} vẫn đang mở; hãy hoàn tất hoặc trả lại phiên bản đó trước"},
    {"only a draft changes; this version is {}",
     "chỉ bản nháp mới sửa được; phiên bản này đang là {}"},
    {"only a clinician approves an article", "chỉ bác sĩ hoặc nữ hộ sinh mới phê duyệt bài viết"},
    {"a clinician who did not write this version must approve it",
     "phiên bản này phải được phê duyệt bởi một nhân viên y tế không viết ra nó"},
    {"only an administrator changes another person's byline",
     "chỉ quản trị viên mới sửa được thông tin tác giả của người khác"},
    {"must say what to change", "phải nói rõ cần sửa gì"},
    {"must be 3-80 characters of a-z, 0-9 and '-', not starting or ending with '-'",
     "phải gồm 3-80 ký tự a-z, 0-9 và '-', không bắt đầu hay kết thúc bằng '-'"},
    {"is a word the site's paths use; choose another",
     "là từ mà đường dẫn của trang đã dùng; hãy chọn từ khác"},
    {"is not one of the library's topics", "không phải là chủ đề của thư viện"},
    {"must be a protocol condition id", "phải là mã một tình trạng trong phác đồ"},
    {"is not a condition of the care protocol", "không phải là tình trạng trong phác đồ chăm sóc"},
    {"must be a tag of 1-40 bytes", "phải là nhãn dài 1-40 byte"},
    {"must be the slug of another article", "phải là địa chỉ (slug) của một bài viết khác"},
    {"is required for a week card", "là bắt buộc với thẻ từng tuần"},
    {"is required for this measure", "là bắt buộc với cách đo này"},
    {"is only for a week card (kind \"week\")", "chỉ dùng cho thẻ từng tuần (kind \"week\")"},
    {"must be between 4 and 42 for a pregnancy week", "phải từ 4 đến 42 với tuần thai"},
    {"must be between 1 and 12 after the birth", "phải từ 1 đến 12 sau sinh"},
    {"must be {} for this week card", "phải là {} với thẻ tuần này"},
    {"must have the text in vi or en", "phải có nội dung bằng tiếng Việt (vi) hoặc tiếng Anh (en)"},
    {"must start with https:// or http://", "phải bắt đầu bằng https:// hoặc http://"},
    {"must be a language this version is written in",
     "phải là ngôn ngữ mà phiên bản này được viết"},
    {"is listed twice", "bị liệt kê hai lần"},
    {"must name at least one language", "phải nêu ít nhất một ngôn ngữ"},
    {"must be after today and at most 3 years from today ({})",
     "phải sau hôm nay và không quá 3 năm kể từ hôm nay ({})"},
    {"cannot change; it is the page's address", "không đổi được; đó là địa chỉ của trang"},
    {"cannot change", "không đổi được"},
    {"must be a path on this site or an https:// address",
     "phải là đường dẫn trên trang này hoặc địa chỉ https://"},
    {"must be a version number", "phải là số phiên bản"},
    {"must not be empty", "không được để trống"},
    {"is required", "là bắt buộc"},
    {"is wrong", "không đúng"},
    {"must be at least 12 characters", "phải có ít nhất 12 ký tự"},
    {"must be at most 128 characters", "không được dài quá 128 ký tự"},
    {"must be an e-mail address", "phải là một địa chỉ e-mail"},
    {"must be cookie or bearer", "phải là cookie hoặc bearer"},
    {"must be a phone number of 8 to 15 digits", "phải là số điện thoại có 8 đến 15 chữ số"},
    {"must be a phone number, like 0901 234 567", "phải là số điện thoại, như 0901 234 567"},
    {"the code is wrong or has expired; ask for a new one",
     "mã không đúng hoặc đã hết hạn; hãy lấy mã mới"},
    {"give either the e-mail address or the phone number of the account",
     "hãy nhập e-mail hoặc số điện thoại của tài khoản (một trong hai)"},
    {"staff sign in with their e-mail and password", "nhân viên đăng nhập bằng e-mail và mật khẩu"},
    {"this phone number is on another account", "số điện thoại này đã thuộc về một tài khoản khác"},
    {"you cannot change your own role or turn off your own account",
     "bạn không thể tự đổi vai trò hoặc tự tắt tài khoản của mình"},
    {"must be true: Tia stores care data only with consent",
     "phải là true: Tia chỉ lưu dữ liệu chăm sóc khi bạn đồng ý"},
    {"must be the current consent text, {}", "phải là nội dung đồng ý hiện hành, {}"},
    {"is not a hospital using Tia", "không phải là bệnh viện dùng Tia"},
    {"no hospital has the code {}", "không có bệnh viện nào có mã {}"},
    {"no mother has this e-mail", "không có sản phụ nào dùng e-mail này"},
    {"is not a valid invitation (it may be used or expired)",
     "không phải lời mời hợp lệ (có thể đã được dùng hoặc đã hết hạn)"},
    {"is required: a fresh UUID per invitation, reused when resending",
     "là bắt buộc: một UUID mới cho mỗi lời mời, dùng lại khi gửi lại"},
    {"is required for this role", "là bắt buộc với vai trò này"},
    {"confirm your password first (POST /api/v1/auth/reauthenticate), then export",
     "hãy xác nhận mật khẩu trước, rồi mới xuất dữ liệu"},
    {"confirm your password first (POST /api/v1/auth/reauthenticate), then erase",
     "hãy xác nhận mật khẩu trước, rồi mới xoá tài khoản"},
    {"the X-CSRF-Token header is missing or wrong",
     "phiên làm việc không hợp lệ; hãy tải lại trang"},
    {"your role cannot do this to this record",
     "vai trò của bạn không được làm việc này với hồ sơ này"},
    {"must say why you need her record now",
     "phải nêu lý do bạn cần xem hồ sơ của sản phụ lúc này"},
    {"she is registered with your hospital: you can read her record without this",
     "sản phụ đã đăng ký với bệnh viện của bạn: bạn có thể xem hồ sơ mà không cần việc này"},
    {"is not a clinician of this hospital", "không phải là nhân viên y tế của bệnh viện này"},
    // Limits and the server.
    {"too many requests; slow down", "quá nhiều yêu cầu; hãy chậm lại"},
    {"not found", "không tìm thấy"},
    {"no such endpoint", "không có địa chỉ này"},
    {"use one of the allowed methods", "hãy dùng một phương thức được phép"},
    {"something went wrong on our side", "đã có lỗi ở phía chúng tôi"},
    {"send the body as application/json", "hãy gửi nội dung dạng application/json"},
    {"the body must be a JSON object", "nội dung phải là một đối tượng JSON"},
    {"the body is not valid JSON (at byte {})", "nội dung không phải JSON hợp lệ (ở byte {})"},
    {"the body holds a number too large to store", "nội dung có một số quá lớn để lưu"},
    {"the JSON is nested more than {} deep", "JSON lồng nhau quá {} tầng"},
    {"the body is larger than {}, the limit for this request",
     "nội dung lớn hơn {}, giới hạn của yêu cầu này"},
    {"the body is larger than the limit for this request",
     "nội dung lớn hơn giới hạn của yêu cầu này"},
    {"the body is larger than 10 MiB", "nội dung lớn hơn 10 MiB"},
    {"the body did not arrive in time", "nội dung không đến kịp"},
    {"the request headers are larger than 32 KiB", "phần đầu của yêu cầu lớn hơn 32 KiB"},
    {"the request is not valid HTTP/1.1", "yêu cầu không phải HTTP/1.1 hợp lệ"},
    {"the request target is longer than 8 KiB", "địa chỉ yêu cầu dài hơn 8 KiB"},
    {"the database is busy or unreachable; try again",
     "cơ sở dữ liệu đang bận hoặc không kết nối được; hãy thử lại"},
    {"the database is busy; try again", "cơ sở dữ liệu đang bận; hãy thử lại"},
    {"the server is short of memory; try again", "máy chủ đang thiếu bộ nhớ; hãy thử lại"},
    {"the server is shutting down", "máy chủ đang tắt"},
    {"the write could not be made durable; nothing was saved",
     "không ghi được an toàn; chưa có gì được lưu"},
    {"this Idempotency-Key was used for a different request",
     "Idempotency-Key này đã được dùng cho một yêu cầu khác"},
    {"is not a cursor this server gave out", "không phải vị trí trang do máy chủ này cấp"},
    {"must be en or vi", "phải là en hoặc vi"},
    // The shape of a value.
    {"is required", "là bắt buộc"},
    {"is required (or {})", "là bắt buộc (hoặc {})"},
    {"is not a known field", "không phải là trường đã biết"},
    {"is listed twice", "bị liệt kê hai lần"},
    {"must not be empty", "không được để trống"},
    {"must be a number, not {}", "phải là một số, không phải {}"},
    {"must be a string, not {}", "phải là chuỗi ký tự, không phải {}"},
    {"must be a whole number, not {}", "phải là số nguyên, không phải {}"},
    {"must be an array, not {}", "phải là một danh sách, không phải {}"},
    {"must be an object, not {}", "phải là một đối tượng, không phải {}"},
    {"must be true or false, not {}", "phải là true hoặc false, không phải {}"},
    {"must be true or false", "phải là true hoặc false"},
    {"must be between {} and {}", "phải từ {} đến {}"},
    {"must be at most {} bytes", "không được quá {} byte"},
    {"must be at most {} characters", "không được quá {} ký tự"},
    {"must be at most {}", "không được quá {}"},
    {"must be more than 0", "phải lớn hơn 0"},
    {"must have at most {} items", "không được có quá {} mục"},
    {"give {} or {}, not both", "hãy nhập {} hoặc {}, không nhập cả hai"},
    {"the value from the care log {}", "giá trị lấy từ nhật ký {}"},
    {"must be one of: {}", "phải là một trong: {}"},
    {"must be a lowercase UUID chosen by the client", "phải là UUID chữ thường do ứng dụng chọn"},
    {"must be a lowercase UUID", "phải là UUID chữ thường"},
    {"must be a lower-case UUID", "phải là UUID chữ thường"},
    {"the record id in the path must be a lower-case UUID",
     "mã bản ghi trong địa chỉ phải là UUID chữ thường"},
    {"must be a date as YYYY-MM-DD", "phải là ngày dạng YYYY-MM-DD"},
    {"must be a date like 2026-11-25", "phải là ngày như 2026-11-25"},
    {"must be a date-time with a UTC offset, like 2026-11-25T03:12:00+07:00",
     "phải là ngày giờ kèm múi giờ, như 2026-11-25T03:12:00+07:00"},
    {"must be a time of day as HH:MM (00:00 to 24:00)", "phải là giờ dạng HH:MM (00:00 đến 24:00)"},
    {"must be a weekday number, 1 (Monday) to 7 (Sunday)",
     "phải là số thứ trong tuần, 1 (thứ Hai) đến 7 (Chủ nhật)"},
    {"must be a whole number from 1 to 31", "phải là số nguyên từ 1 đến 31"},
    {"must be a whole number from 1 to 90", "phải là số nguyên từ 1 đến 90"},
    {"must be 1 to 255 printable characters", "phải có 1 đến 255 ký tự in được"},
    {"must be a step of 1 to 300 characters", "phải là một bước dài 1 đến 300 ký tự"},
    {"must be an IANA time zone like Asia/Ho_Chi_Minh",
     "phải là múi giờ IANA như Asia/Ho_Chi_Minh"},
    {"must be the record's version, as its ETag gives it",
     "phải là phiên bản của bản ghi, như ETag cho biết"},
    {"must list at least one item", "phải có ít nhất một mục"},
    {"must hold at least one record", "phải có ít nhất một bản ghi"},
    {"must not be in the future", "không được ở tương lai"},
    {"only a mother signed in to Tia can ask here",
     "chỉ người mẹ đã đăng nhập Tia mới đặt câu hỏi ở đây"},
    {"ask your own hospital: questions here are for its mothers",
     "hãy hỏi bệnh viện của bạn: câu hỏi ở đây dành cho các mẹ của bệnh viện này"},
    {"at most 5 questions an hour; ask again later", "tối đa 5 câu hỏi mỗi giờ; hãy hỏi lại sau"},
    {"must be 10 to 1000 characters", "phải dài từ 10 đến 1000 ký tự"},
    {"must be 1 to 4000 characters", "phải dài từ 1 đến 4000 ký tự"},
    {"must be 1 to 500 characters", "phải dài từ 1 đến 500 ký tự"},
    {"must be pending, approved, rejected or spam",
     "phải là pending, approved, rejected hoặc spam"},
    {"only a clinician answers questions", "chỉ nhân viên y tế mới trả lời câu hỏi"},
    {"approve the question before answering it", "hãy duyệt câu hỏi trước khi trả lời"},
    {"the question is already pending", "câu hỏi đang chờ duyệt"},
    {"the question is already approved", "câu hỏi đã được duyệt"},
    {"the question is already rejected", "câu hỏi đã bị từ chối"},
    {"the question is already spam", "câu hỏi đã được đánh dấu là thư rác"},
    {"must be at most 280 days (40 weeks) from today",
     "không được muộn hơn hôm nay quá 280 ngày (40 tuần)"},
    {"must not be in the past", "không được ở quá khứ"},
    {"must not be before from", "không được trước ngày bắt đầu"},
    {"must be after start", "phải sau giờ bắt đầu"},
    {"must say why", "phải nêu lý do"},
    {"metrics are served to the configured addresses and to staff",
     "số liệu vận hành chỉ dành cho các địa chỉ đã cấu hình và nhân viên"},
    {"must list IP addresses such as 127.0.0.1, comma-separated",
     "phải liệt kê các địa chỉ IP như 127.0.0.1, cách nhau bằng dấu phẩy"},
    {"is not a kind of record", "không phải là một loại bản ghi"},
    {"is not a field of the engine's input",
     "không phải là một câu trả lời của kiểm tra triệu chứng"},
    // Her care log.
    {"is more than 5 minutes in the future; check the phone's clock",
     "muộn hơn hiện tại quá 5 phút; hãy kiểm tra đồng hồ điện thoại"},
    {"must have at least one segment", "phải có ít nhất một lượt bú"},
    {"a segment longer than 6 hours is not plausible", "một lượt bú dài hơn 6 giờ là không hợp lý"},
    {"must fall inside the segment, after the previous pause",
     "phải nằm trong lượt bú, sau lần tạm dừng trước"},
    {"must not be after the segment's end", "không được sau khi lượt bú kết thúc"},
    {"must not be before the feed's occurred_at", "không được trước giờ bắt đầu cữ bú"},
    {"must not be before the baby's birth date", "không được trước ngày sinh của bé"},
    {"a nappy entry needs wet or dirty (or both) to be true",
     "lần thay tã cần đánh dấu tã ướt hoặc tã bẩn (hoặc cả hai)"},
    {"give temp_c or temp_f, not both", "hãy nhập nhiệt độ theo °C hoặc °F, không nhập cả hai"},
    {"give total_ml, or left_ml and right_ml, not both",
     "hãy nhập tổng lượng sữa, hoặc lượng từng bên, không nhập cả hai"},
    {"give left_ml and/or right_ml, or total_ml",
     "hãy nhập lượng sữa từng bên, hoặc tổng lượng sữa"},
    {"only for pain_relief or antibiotic_started",
     "chỉ dùng cho thuốc giảm đau hoặc bắt đầu kháng sinh"},
    {"is not one of this mother's infants", "không phải là con của sản phụ này"},
    {"must be mother or baby", "phải là mẹ hoặc bé"},
    {"must name mother, baby or both", "phải là mẹ, bé hoặc cả hai"},
    {"this id is already used by a record of another kind",
     "mã này đã được dùng cho một loại bản ghi khác"},
    {"this record was deleted; create a new one with a new id",
     "bản ghi này đã bị xoá; hãy tạo bản ghi mới"},
    {"the record was changed elsewhere (now version {}); reload it",
     "bản ghi đã được sửa ở nơi khác (nay là phiên bản {}); hãy tải lại"},
    {"the record changed meanwhile; try again", "bản ghi vừa thay đổi; hãy thử lại"},
    {"the record conflicts with one already stored", "bản ghi trùng với một bản ghi đã lưu"},
    {"the record does not exist yet", "bản ghi chưa có"},
    {"this id is taken; choose another", "mã này đã được dùng; hãy chọn mã khác"},
    // Symptom checks.
    {"is required: an object of symptom-check answers",
     "là bắt buộc: các câu trả lời của kiểm tra triệu chứng"},
    {"this symptom-check id was already used with other answers",
     "mã kiểm tra triệu chứng này đã được dùng với câu trả lời khác"},
    {"is not one of your symptom checks", "không phải là một lần kiểm tra triệu chứng của bạn"},
    {"must be the id of an earlier symptom check", "phải là mã của một lần kiểm tra trước"},
    {"no earlier symptom check has this id", "không có lần kiểm tra trước nào có mã này"},
    {"must be another check than this one", "phải là một lần kiểm tra khác lần này"},
    // Consultations.
    {"This needs care now: call {} or the hospital hotline {}. A message would wait in a queue.",
     "Cần được chăm sóc ngay: gọi {} hoặc đường dây nóng của bệnh viện {}. Tin nhắn sẽ phải chờ "
     "trong hàng đợi."},
    {"This needs care now: call {}. A message would wait in a queue.",
     "Cần được chăm sóc ngay: gọi {}. Tin nhắn sẽ phải chờ trong hàng đợi."},
    {"a consultation holds at most 50 photos", "một cuộc tư vấn có tối đa 50 ảnh"},
    {"a consultation with this id was opened with other content",
     "cuộc tư vấn với mã này đã được mở với nội dung khác"},
    {"a message with this id was sent with other content",
     "tin nhắn với mã này đã được gửi với nội dung khác"},
    {"a photo with this id was sent with other content",
     "ảnh với mã này đã được gửi với nội dung khác"},
    {"a photo may be at most 10 MiB", "ảnh không được lớn quá 10 MiB"},
    {"a photo must be a JPEG or PNG image; this file is {}",
     "ảnh phải là ảnh JPEG hoặc PNG; tệp này là {}"},
    {"is {} pixels; a photo may have at most 8000 pixels a side and 40 megapixels",
     "có {} điểm ảnh; ảnh được tối đa 8000 điểm ảnh mỗi cạnh và 40 megapixel"},
    {"the image data is damaged or incomplete", "dữ liệu ảnh bị hỏng hoặc không đầy đủ"},
    {"another clinician holds this consultation; say why you take it over",
     "một nhân viên y tế khác đang giữ cuộc tư vấn này; hãy nêu lý do bạn nhận thay"},
    {"only the care team writes internal notes", "chỉ nhóm chăm sóc được viết ghi chú nội bộ"},
    {"this consultation is closed", "cuộc tư vấn này đã đóng"},
    {"this consultation is closed; open a new one if something has changed",
     "cuộc tư vấn này đã đóng; hãy mở cuộc mới nếu có gì thay đổi"},
    {"the consultation changed at the same moment; send again",
     "cuộc tư vấn vừa thay đổi cùng lúc; hãy gửi lại"},
    {"is required when the question is about the baby", "là bắt buộc khi câu hỏi là về bé"},
    // Notifications (Web Push).
    {"must be a JSON object", "phải là một đối tượng JSON"},
    {"is not a field of a push subscription", "không phải là trường của đăng ký thông báo"},
    {"is required: the push service URL the browser gave",
     "là bắt buộc: địa chỉ dịch vụ thông báo mà trình duyệt cung cấp"},
    {"is longer than 1024 characters", "dài hơn 1024 ký tự"},
    {"not a URL", "không phải là địa chỉ URL"},
    {"must be an https URL", "phải là địa chỉ https"},
    {"not a URL this server sends to", "không phải địa chỉ mà máy chủ này gửi tới"},
    {"is not the address of a push service this server sends to",
     "không phải địa chỉ của dịch vụ thông báo mà máy chủ này gửi tới"},
    {"is required: the browser's p256dh and auth keys",
     "là bắt buộc: khoá p256dh và auth của trình duyệt"},
    {"is not a push key", "không phải là khoá thông báo"},
    {"must be the browser's P-256 public key (base64url)",
     "phải là khoá công khai P-256 của trình duyệt (base64url)"},
    {"must be the browser's 16-byte auth secret (base64url)",
     "phải là khoá bí mật auth 16 byte của trình duyệt (base64url)"},
    {"a subscription with this id has other keys", "một đăng ký với mã này có khoá khác"},
    {"notifications are not set up on this server", "máy chủ này chưa cài đặt thông báo"},
    // Booking.
    {"your last symptom check needs emergency care: call the emergency number now; booking online "
     "is closed until a clinician has seen you",
     "lần kiểm tra triệu chứng gần nhất của bạn cần cấp cứu: hãy gọi số cấp cứu ngay; đặt lịch "
     "trực tuyến tạm đóng cho đến khi bạn được nhân viên y tế khám"},
    {"this time is not free (taken, outside the plan, or too soon); choose another slot",
     "giờ này không còn trống (đã có người đặt, ngoài lịch hoặc quá sát giờ); hãy chọn giờ khác"},
    {"there are free times in these days: book one of them",
     "những ngày này vẫn còn giờ trống: hãy đặt một trong số đó"},
    {"the range may be at most 14 days", "khoảng thời gian tối đa là 14 ngày"},
    {"it is too close to the start to cancel online; please call the hospital",
     "đã quá sát giờ hẹn để huỷ trực tuyến; vui lòng gọi bệnh viện"},
    {"it is too close to the start to move it online; please call the hospital",
     "đã quá sát giờ hẹn để đổi giờ trực tuyến; vui lòng gọi bệnh viện"},
    {"is already this booking's time", "đã là giờ của lịch hẹn này"},
    {"a booking that is {} cannot become {}",
     "lịch hẹn đang ở trạng thái {} không thể chuyển sang {}"},
    {"a booking that is {} cannot be moved", "lịch hẹn đang ở trạng thái {} không thể đổi giờ"},
    {"a no-show is recorded only after the start", "chỉ ghi nhận vắng mặt sau giờ bắt đầu"},
    {"only a held slot can be confirmed", "chỉ xác nhận được giờ đang được giữ"},
    {"only a waiting entry can be withdrawn", "chỉ rút được đăng ký đang chờ"},
    {"the hold has expired; choose the slot again", "thời gian giữ chỗ đã hết; hãy chọn lại giờ"},
    {"the booking changed meanwhile; reload it", "lịch hẹn vừa thay đổi; hãy tải lại"},
    {"this booking id was already used for another booking",
     "mã lịch hẹn này đã được dùng cho một lịch hẹn khác"},
    {"staff give a reason when they cancel", "nhân viên phải nêu lý do khi huỷ"},
    {"staff give a reason when they move a booking", "nhân viên phải nêu lý do khi đổi giờ hẹn"},
    {"does not offer this service", "không cung cấp dịch vụ này"},
    {"is not offered now", "hiện không được cung cấp"},
    {"is not a provider of your hospital", "không phải là người khám của bệnh viện bạn"},
    {"is not a service of your hospital", "không phải là dịch vụ của bệnh viện bạn"},
    {"is not a service of this hospital", "không phải là dịch vụ của bệnh viện này"},
    {"is not a room of this hospital", "không phải là phòng của bệnh viện này"},
    {"it is already in the pool", "đã có trong danh sách"},
    {"a booking has a status the table does not know", "lịch hẹn có trạng thái không xác định"},
    {"a booking refers to configuration that is gone",
     "lịch hẹn tham chiếu cấu hình không còn nữa"},
    {"a waitlist offer without a hold", "đề nghị từ danh sách chờ không có giờ giữ chỗ"},
    // The hospital's administration.
    {"only the hospital's administrators change its configuration",
     "chỉ quản trị viên của bệnh viện được thay đổi cấu hình"},
    {"only the hospital's administrators change its templates",
     "chỉ quản trị viên của bệnh viện được thay đổi mẫu trả lời"},
    {"breaks must lie inside the working hours, in order, not overlapping",
     "giờ nghỉ phải nằm trong giờ làm việc, theo thứ tự, không chồng lên nhau"},
    // The maternity programme: packages, registering a pregnancy, the birth file.
    // Classes and courses.
    {"must not be before due_from", "không được trước due_from"},
    {"must hold at least one session", "phải có ít nhất một buổi học"},
    {"must be after start", "phải sau giờ bắt đầu"},
    {"must be within 12 hours of start", "phải trong vòng 12 giờ từ lúc bắt đầu"},
    {"a session needs seats in the room or online", "buổi học cần có chỗ tại lớp hoặc trực tuyến"},
    {"must be an https:// address", "phải là địa chỉ https://"},
    {"is needed for seats online", "cần có khi có chỗ trực tuyến"},
    {"must be after the session before ends", "phải sau khi buổi học trước kết thúc"},
    {"people are enrolled: keep the same sessions, or cancel one",
     "đã có người đăng ký: hãy giữ nguyên các buổi học, hoặc hủy một buổi"},
    {"fewer seats than people already seated", "ít chỗ hơn số người đã có chỗ"},
    {"only a mother enrols in a course", "chỉ người mẹ mới đăng ký khóa học"},
    {"you are enrolled in this course; give up your place to change it",
     "bạn đã đăng ký khóa học này; hãy hủy chỗ để thay đổi"},
    {"this course was cancelled", "khóa học này đã bị hủy"},
    {"the course has started; enrolment is closed", "khóa học đã bắt đầu; không nhận đăng ký nữa"},
    {"this course takes at most {} companions", "khóa học này nhận tối đa {} người đi cùng"},
    {"this course is for due dates from {} to {}",
     "khóa học này dành cho mẹ có ngày dự sinh từ {} đến {}"},
    {"session {} is full and so is its waitlist", "buổi {} đã đủ chỗ và danh sách chờ cũng đã đầy"},
    {"this course has no seats in the room", "khóa học này không có chỗ tại lớp"},
    {"this course has no seats online", "khóa học này không có chỗ trực tuyến"},
    {"you are not enrolled in this course", "bạn chưa đăng ký khóa học này"},
    {"you have no place in that session to give up", "bạn không có chỗ trong buổi học đó để hủy"},
    {"there is no session ahead to give up", "không còn buổi học nào phía trước để hủy"},
    {"this session was cancelled", "buổi học này đã bị hủy"},
    {"has no seat in this session", "không có chỗ trong buổi học này"},
    {"must say why", "phải nêu lý do"},
    {"the birth is already recorded", "ca sinh đã được ghi nhận"},
    {"only the mother pauses her own care",
     "chỉ người mẹ mới tạm dừng được việc chăm sóc của mình"},
    {"only the mother registers her pregnancy", "chỉ người mẹ tự đăng ký thai kỳ của mình"},
    {"must be the code in the address", "phải trùng với mã trong địa chỉ"},
    {"must be lowercase letters, digits, '-' or '_'", "chỉ gồm chữ thường, chữ số, '-' hoặc '_'"},
    {"is used twice", "bị dùng hai lần"},
    {"must not be before \"from\"", "không được trước \"from\""},
    {"must be a service code", "phải là mã một dịch vụ"},
    {"belongs to a room", "chỉ dùng cho phòng lưu trú"},
    {"must not be more than the price", "không được lớn hơn giá gói"},
    {"must not be more than 3 weeks ago", "không được cách đây quá 3 tuần"},
    {"must be within the last 43 weeks", "phải trong vòng 43 tuần gần đây"},
    {"a dating scan measures from 6+0 weeks", "siêu âm tính tuổi thai đo từ tuần 6+0"},
    {"must be true: the hospital keeps these details to care for you",
     "phải đồng ý: bệnh viện lưu các thông tin này để chăm sóc bạn"},
    {"give a due date, the first day of your last period, or a dating scan",
     "hãy cho biết ngày dự sinh, ngày đầu kỳ kinh cuối hoặc kết quả siêu âm tính tuổi thai"},
    {"dates to a due date that is not a current pregnancy",
     "cho ra ngày dự sinh không thuộc một thai kỳ hiện tại"},
    {"must name at least one baby", "phải có ít nhất một bé"},
    {"must be weeks+days of pregnancy such as \"11+0\", up to \"44+6\"",
     "phải là tuần+ngày của thai như \"11+0\", tối đa \"44+6\""},
    {"must be one of your hospital's packages", "phải là một gói dịch vụ của bệnh viện bạn"},
    {"must be one of your hospital's doctors", "phải là một bác sĩ của bệnh viện bạn"},
    // Zalo (domain/zalo.cc, app/zalo_settings.cc) and her channels (domain/records.cc)
    {"must be the template's id as Zalo gave it (letters and digits)",
     "phải là mã mẫu tin do Zalo cấp (chữ và số)"},
    {"must write each parameter as <name> (lower-case letters, digits, _)",
     "phải viết mỗi tham số dạng <ten> (chữ thường, số, _)"},
    {"must name at least one parameter", "phải có ít nhất một tham số"},
    {"must be a parameter name (lower-case letters, digits, _)",
     "phải là tên tham số (chữ thường, số, _)"},
    {"must be an object", "phải là một đối tượng"},
    {"must give the text's parameter <{}>", "phải khai báo tham số <{}> có trong nội dung"},
    {"names <{}>, which the text does not have", "có tham số <{}> mà nội dung không có"},
    {"make the longest message (the text and each parameter at its longest) at most 400 characters",
     "tin dài nhất (nội dung và mỗi tham số ở độ dài tối đa) không được quá 400 ký tự"},
    {"must be the access token as Zalo gave it, without spaces",
     "phải là access token do Zalo cấp, không có khoảng trắng"},
    {"is needed the first time Zalo is switched on", "cần có khi bật Zalo lần đầu"},
    {"must be email, sms or zalo", "phải là email, sms hoặc zalo"},
    {"must name at least one channel", "phải chọn ít nhất một kênh"},
    {"needs a phone number for text and Zalo messages",
     "cần số điện thoại để nhận tin nhắn SMS và Zalo"},
    // Imports (domain/imports.cc, app/imports.cc)
    {"line {}, column {}: {}", "dòng {}, cột {}: {}"},
    {"a quoted cell is never closed", "một ô mở dấu ngoặc kép nhưng không đóng"},
    {"a quote inside a cell that does not start with one",
     "dấu ngoặc kép nằm giữa một ô không bắt đầu bằng dấu ngoặc kép"},
    {"text after a quoted cell's closing quote", "có chữ sau dấu ngoặc kép đóng của một ô"},
    {"{} cells where the header has {}", "{} ô trong khi dòng tiêu đề có {}"},
    {"the file is empty", "tệp trống"},
    {"not an Excel workbook (XLSX): {}", "không phải bảng tính Excel (XLSX): {}"},
    {"too short", "quá ngắn"},
    {"no ZIP directory", "không có mục lục ZIP"},
    {"a broken ZIP directory", "mục lục ZIP bị hỏng"},
    {"a broken ZIP member", "một phần của tệp ZIP bị hỏng"},
    {"a cut-off ZIP member", "một phần của tệp ZIP bị cắt cụt"},
    {"a part larger than 64 MiB", "một phần lớn hơn 64 MiB"},
    {"parts larger than 64 MiB", "các phần lớn hơn 64 MiB"},
    {"a compression other than deflate", "kiểu nén không phải deflate"},
    {"cannot inflate", "không giải nén được"},
    {"a ZIP member that does not inflate to its size",
     "một phần của tệp ZIP giải nén không đúng kích thước"},
    {"no worksheet", "không có trang tính"},
    {"an empty first sheet", "trang tính đầu tiên trống"},
    {"not a Huckleberry export (Type,Start,End,Duration,Start Condition,Start Location,End "
     "Condition,Notes)",
     "không phải tệp xuất từ Huckleberry (Type,Start,End,Duration,Start Condition,Start "
     "Location,End Condition,Notes)"},
    {"not a Baby Buddy export (feeding, pumping, temperature, diaper change, weight or child)",
     "không phải tệp xuất từ Baby Buddy (cho ăn, hút sữa, nhiệt độ, thay tã, cân nặng hoặc trẻ)"},
    {"must be babybuddy or huckleberry", "phải là babybuddy hoặc huckleberry"},
    {"must be ml or oz", "phải là ml hoặc oz"},
    {"must be c or f", "phải là c hoặc f"},
    {"must be kg or lb", "phải là kg hoặc lb"},
    // Why an imported row was skipped (domain/imports.cc)
    {"{} \"{}\" is not a date and time", "{} \"{}\" không phải ngày giờ"},
    {"no {} time", "không có thời gian {}"},
    {"solid food is not something Tia logs", "Tia không ghi ăn dặm"},
    {"the feed ends before it starts", "cữ bú kết thúc trước khi bắt đầu"},
    {"type \"{}\" is not a milk Tia logs", "loại \"{}\" không phải loại sữa Tia ghi"},
    {"a bottle without an amount in ml or oz", "bú bình nhưng không có lượng sữa (ml hoặc oz)"},
    {"a bottle without an amount", "bú bình nhưng không có lượng sữa"},
    {"method \"{}\" is not one Baby Buddy writes", "cách cho ăn \"{}\" không phải của Baby Buddy"},
    {"no amount", "không có lượng sữa"},
    {"no temperature", "không có nhiệt độ"},
    {"no weight", "không có cân nặng"},
    {"date \"{}\" is not a date", "ngày \"{}\" không hợp lệ"},
    {"birth_date \"{}\" is not a date", "ngày sinh \"{}\" không hợp lệ"},
    {"\"{}\" is not a milk Tia logs", "\"{}\" không phải loại sữa Tia ghi"},
    {"{} \"{}\" is not a time and side", "{} \"{}\" không phải thời gian và bên vú"},
    {"a breast feed without a time at either side", "cữ bú mẹ không có thời gian ở bên nào"},
    {"a feed at \"{}\" (Tia logs breast and bottle feeds)",
     "cữ bú ở \"{}\" (Tia ghi bú mẹ và bú bình)"},
    {"the left amount is not a volume", "lượng bên trái không phải thể tích"},
    {"the right amount is not a volume", "lượng bên phải không phải thể tích"},
    {"\"{}\" says neither pee nor poo", "\"{}\" không ghi tè hay ị"},
    {"\"{}\" entries are not something Tia logs", "Tia không ghi mục \"{}\""},
    {"the same entry as line {}", "trùng với dòng {}"},
    {"the hospital has confirmed your registration; ask them to change it",
     "bệnh viện đã xác nhận đăng ký của bạn; hãy liên hệ bệnh viện để thay đổi"},
    {"this package is no longer offered", "gói dịch vụ này không còn được cung cấp"},
    {"must be a month such as 2027-06", "phải là một tháng, ví dụ 2027-06"},
    {"must say what the hospital needs", "phải nói rõ bệnh viện cần bổ sung gì"},
    {"this registration was withdrawn", "đăng ký này đã được rút"},
    {"the registration is already confirmed", "đăng ký đã được xác nhận"},
    {"only a submitted registration can be sent back",
     "chỉ đăng ký đang chờ mới được yêu cầu bổ sung"},
    {"this pregnancy has ended", "thai kỳ này đã kết thúc"},
    {"confirm the registration first", "hãy xác nhận đăng ký trước"},
    {"the birth file is already open", "hồ sơ sinh đã được mở"},
    {"the birth file opens at {} weeks, on {}", "hồ sơ sinh được mở từ tuần {}, ngày {}"},
    {"open the birth file first", "hãy mở hồ sơ sinh trước"},
    {"is not on the birth file's checklist", "không có trong danh mục của hồ sơ sinh"},
    {"the registration changed meanwhile; reload it", "đăng ký vừa được thay đổi; hãy tải lại"},
    {"this visit is not included in your package (or its visits are used up) and is billed "
     "separately; book again with out_of_package true to go ahead",
     "lần khám này không có trong gói của bạn (hoặc đã dùng hết) và được tính phí riêng; hãy xác "
     "nhận "
     "để tiếp tục đặt lịch"},
};

// Words that fill a `{}` and have a Vietnamese name of their own.
constexpr std::pair<std::string_view, std::string_view> kViWords[] = {
    {"requested", "chờ duyệt"},
    {"held", "đang giữ chỗ"},
    {"booked", "đã đặt"},
    {"arrived", "đã đến"},
    {"fulfilled", "đã khám"},
    {"cancelled", "đã huỷ"},
    {"no_show", "vắng mặt"},
    {"an HTML page", "một trang HTML"},
    {"an SVG drawing", "một hình vẽ SVG"},
    {"a string", "chuỗi ký tự"},
    {"a number", "một số"},
    {"a boolean", "true/false"},
    {"an array", "một danh sách"},
    {"an object", "một đối tượng"},
    {"a fraction", "số thập phân"},
};

// An entry with `{}`: its literal pieces around the holes (n holes, n + 1 pieces).
struct Template {
  std::vector<std::string> pieces;
  std::string_view vi;

  // The holes' text when `s` is this template with each hole filled by at least one character;
  // each hole takes the shortest text after which the next piece follows.
  std::optional<std::vector<std::string>> Match(std::string_view s) const {
    if (s.substr(0, pieces.front().size()) != pieces.front()) return std::nullopt;
    std::vector<std::string> holes;
    size_t pos = pieces.front().size();
    for (size_t i = 1; i < pieces.size(); ++i) {
      const std::string& next = pieces[i];
      size_t at = 0;
      if (i + 1 == pieces.size()) {  // the last piece ends the text
        if (s.size() < pos + 1 + next.size() || s.substr(s.size() - next.size()) != next) {
          return std::nullopt;
        }
        at = s.size() - next.size();
      } else {
        at = s.find(next, pos + 1);
        if (at == std::string_view::npos) return std::nullopt;
      }
      holes.emplace_back(s.substr(pos, at - pos));
      pos = at + next.size();
    }
    return holes;
  }
};

struct Catalogue {
  std::map<std::string, std::string_view, std::less<>> exact;
  std::vector<Template> templates;
  std::map<std::string, std::string_view, std::less<>> words;

  Catalogue() {
    for (const auto& [en, vi] : kVi) {
      if (en.find("{}") == std::string_view::npos) {
        exact.emplace(std::string(en), vi);
        continue;
      }
      Template t{{}, vi};
      size_t from = 0;
      for (size_t hole = en.find("{}"); hole != std::string_view::npos;
           hole = en.find("{}", from)) {
        t.pieces.emplace_back(en.substr(from, hole - from));
        from = hole + 2;
      }
      t.pieces.emplace_back(en.substr(from));
      templates.push_back(std::move(t));
    }
    for (const auto& [en, vi] : kViWords) words.emplace(std::string(en), vi);
  }

  // The first template `english` fits, in the order of kVi (a longer one is listed before its
  // prefix), with the text of its holes.
  std::optional<std::pair<const Template*, std::vector<std::string>>> Match(
      std::string_view english) const {
    for (const auto& t : templates) {
      if (auto holes = t.Match(english)) return std::make_pair(&t, std::move(*holes));
    }
    return std::nullopt;
  }
};

const Catalogue& TheCatalogue() {
  static const Catalogue catalogue;
  return catalogue;
}

}  // namespace

std::string Localize(const std::string& english, engine::Lang lang) {
  if (lang != engine::Lang::kVi) return english;
  const Catalogue& c = TheCatalogue();
  if (auto it = c.exact.find(english); it != c.exact.end()) return std::string(it->second);
  auto match = c.Match(english);
  if (!match) return english;
  const auto& [t, holes] = *match;
  std::string out;
  size_t hole = 0;
  for (size_t i = 0; i < t->vi.size(); ++i) {
    if (t->vi.compare(i, 2, "{}") == 0 && hole < holes.size()) {
      // A hole is a known word, or a message of its own ("the value from the care log {}").
      const std::string& value = holes[hole++];
      auto w = c.words.find(value);
      out += w != c.words.end() ? std::string(w->second) : Localize(value, lang);
      ++i;
    } else {
      out += t->vi[i];
    }
  }
  return out;
}

bool Translated(const std::string& english) {
  const Catalogue& c = TheCatalogue();
  return c.exact.count(english) > 0 || c.Match(english).has_value();
}

}  // namespace tia::http
