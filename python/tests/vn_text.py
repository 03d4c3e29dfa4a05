"""Our own Vietnamese sentences in the style of scraped government news,
and the 'ASCII page' damage: shared by the tests (conftest.py) and the
throughput bench (bench/throughput.py)."""

import unicodedata

SENTENCES = [
    "Sáng 12/3/2025, Ủy ban nhân dân tỉnh tổ chức hội nghị triển khai nhiệm vụ năm 2025.",
    "Đồng chí Trần Minh Khoa – Phó Chủ tịch UBND tỉnh chủ trì hội nghị.",
    "Theo Kế hoạch số 45/KH-UBND ngày 20/02/2025 của UBND tỉnh, các xã phải hoàn thành việc rà soát hồ sơ.",
    "Năm qua, tỷ lệ hộ nghèo của xã Tân Lập giảm còn 3,2%, thu nhập bình quân đạt hơn 62 triệu đồng.",
    "Toàn huyện có 1.245 hộ gia đình được hỗ trợ xây dựng nhà ở kiên cố trong giai đoạn 2021-2025.",
    "Hội nghị đã thảo luận, thống nhất các giải pháp phát triển kinh tế, bảo đảm an sinh xã hội.",
    "Người dân phấn khởi khi con đường bê tông mới được đưa vào sử dụng trước mùa mưa bão.",
    "Chiều cùng ngày, đoàn công tác đã đến thăm, tặng quà các gia đình chính sách trên địa bàn.",
    "Ban Thường vụ Đảng ủy xã yêu cầu các chi bộ tiếp tục quán triệt Nghị quyết số 57-NQ/TW của Bộ Chính trị.",
    "Trong tháng 10, lực lượng chức năng đã kiểm tra 36/74 cơ sở kinh doanh, xử lý nghiêm các vi phạm.",
]


def strip_marks(text: str) -> str:
    """All diacritics removed, đ -> d: the 'ASCII page' kind of damage."""
    out = unicodedata.normalize("NFD", text)
    out = "".join(c for c in out if not unicodedata.combining(c))
    return out.replace("đ", "d").replace("Đ", "D")
