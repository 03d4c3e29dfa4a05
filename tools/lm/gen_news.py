#!/usr/bin/env python3
"""Generate everyday news phrasing for the embedded language model.

    python3 tools/lm/gen_news.py [CACHE] > news.txt     (default CACHE=/work/cache/lm)

The registry text (statutes, software help and UI strings) lacks the vocabulary of daily news:
prices and trade (`giá bán`, `triệu đồng`), people quoted with pronouns (`chị`, `anh`, `tôi`),
weather, farming, health, schools, traffic, time words (`nay`, `này`). This script writes
sentences in that register from our own templates and word lists, with place names from
`vietnamadminunits` (MIT). Deterministic: a fixed-seed PRNG.
"""
import glob
import os
import random
import sqlite3
import sys
import unicodedata

CACHE = sys.argv[1] if len(sys.argv) > 1 else '/work/cache/lm'
N_PARAGRAPHS = int(os.environ.get('NEWS_PARAGRAPHS', '300'))
rng = random.Random(7310)


def pick(xs):
    return xs[rng.randrange(len(xs))]


def lines(block):
    return [x.strip() for x in block.strip().split('\n') if x.strip()]


def load_places():
    dbs = sorted(glob.glob(os.path.join(CACHE, 'x', 'vietnamadminunits-*', 'vietnamadminunits', 'data', 'dataset.db')))
    if not dbs:
        sys.exit('vietnamadminunits not unpacked (run tools/lm/fetch.sh)')
    db = sqlite3.connect(dbs[0])
    prov = {r[0] for r in db.execute('select provinceShort from admin_units union select provinceShort from admin_units_legacy')}
    ward = {r[0] for r in db.execute('select wardShort from admin_units')}
    return sorted(unicodedata.normalize('NFC', p) for p in prov if p), sorted(unicodedata.normalize('NFC', w) for w in ward if w)


PROVINCES, WARDS = load_places()

SURNAMES = lines("""
Nguyễn
Trần
Lê
Phạm
Hoàng
Huỳnh
Phan
Vũ
Võ
Đặng
Bùi
Đỗ
Hồ
Ngô
Dương
Lý
""")
GIVEN = lines("""
An
Bình
Cường
Dũng
Hà
Hải
Hạnh
Hiền
Hoa
Hùng
Hương
Huy
Lan
Linh
Long
Mai
Minh
Nam
Nga
Ngọc
Phong
Phúc
Phương
Quân
Sơn
Tâm
Thắng
Thảo
Thủy
Trang
Trung
Tuấn
Vân
Yến
Hằng
Loan
Tú
Khoa
""")
WOMEN = ['chị', 'bà', 'cô', 'em']
MEN = ['anh', 'ông', 'chú', 'em']
GOODS = lines("""
gạo
thịt lợn
rau xanh
trái cây
cà phê
hồ tiêu
xăng
vàng
nhà đất
căn hộ
ô tô
xe máy
điện thoại
phân bón
thức ăn chăn nuôi
sầu riêng
thanh long
cá tra
tôm
lúa
""")
UNITS = ['kg', 'tấn', 'lít', 'lượng', 'm2', 'chiếc', 'căn', 'con']
PLACES_NOUNS = lines("""
chợ
siêu thị
cửa hàng
nhà máy
bệnh viện
trường học
công ty
khu công nghiệp
bến xe
sân bay
cánh đồng
vườn
""")
TIMES = lines("""
hôm nay
hôm qua
sáng nay
chiều nay
tối qua
tuần này
tuần trước
tháng này
tháng trước
năm nay
năm ngoái
hiện nay
thời gian gần đây
những ngày này
dịp Tết năm nay
đầu năm nay
cuối năm
""")
FEELINGS = lines("""
rất vui
rất phấn khởi
lo lắng
yên tâm
bất ngờ
mừng lắm
buồn
""")
WEATHER = lines("""
mưa lớn
mưa to đến rất to
nắng nóng gay gắt
rét đậm, rét hại
gió mạnh
lũ quét và sạt lở đất
không khí lạnh
áp thấp nhiệt đới
bão số {n}
""")
DISEASES = lines("""
sốt xuất huyết
cúm
tay chân miệng
sởi
tiểu đường
ung thư
tai biến mạch máu não
""")
SUBJECTS = lines("""
toán
ngữ văn
tiếng Anh
lịch sử
vật lý
hóa học
""")


def person_name():
    return '%s %s' % (pick(SURNAMES), pick(GIVEN))


def someone():
    return '%s %s' % (pick(WOMEN + MEN), pick(GIVEN))


def money():
    r = rng.random()
    if r < 0.3:
        return '%d.000 đồng' % rng.randrange(5, 999)
    if r < 0.6:
        return '%d triệu đồng' % rng.randrange(1, 900)
    if r < 0.8:
        return '%d tỷ đồng' % rng.randrange(1, 5000)
    return '%d,%d triệu đồng' % (rng.randrange(1, 99), rng.randrange(1, 9))


def pct():
    return '%d%%' % rng.randrange(1, 95) if rng.random() < 0.5 else '%d,%d%%' % (rng.randrange(0, 60), rng.randrange(1, 9))


def num():
    return str(rng.randrange(2, 500))


TEMPLATES = lines("""
Giá {good} {time} tăng {pct} so với tuần trước, lên mức {money} một {unit}.
Giá {good} {time} giảm mạnh, chỉ còn khoảng {money} một {unit}.
Tại {place} ở {prov}, nhiều người dân đến mua {good} từ sáng sớm.
{Person}, một tiểu thương ở chợ {ward}, cho biết giá bán {good} đã tăng gần gấp đôi.
Theo {person}, sức mua {time} còn yếu nên hàng bán chậm.
"Tôi bán {good} ở đây đã hơn {n} năm nhưng chưa bao giờ thấy giá cao như vậy", {person} nói.
"Năm nay được mùa, được giá nên gia đình tôi {feel}", {person} chia sẻ.
{Person} cho biết mỗi ngày chị bán được khoảng {n} {unit} {good}.
{Person} cho biết anh đã mua căn hộ này với giá {money}.
Nhiều người mua hàng qua mạng vì giá rẻ hơn và được giao tận nhà.
Doanh thu của công ty trong quý đầu năm đạt {money}, tăng {pct} so với cùng kỳ.
Lợi nhuận sau thuế của doanh nghiệp năm nay ước đạt {money}.
Tổng kim ngạch xuất khẩu {good} trong {n} tháng đạt {money}.
Ngân hàng vừa giảm lãi suất cho vay xuống còn {pct} một năm.
Người dân gửi tiết kiệm tại ngân hàng nhận lãi suất khoảng {pct} một năm.
{Time}, các tỉnh miền Bắc có {weather}, nhiệt độ thấp nhất khoảng {n} độ C.
Do ảnh hưởng của {weather}, nhiều tuyến đường ở {prov} bị ngập sâu.
Mưa lớn kéo dài khiến hàng trăm hộ dân ở {prov} phải di dời đến nơi an toàn.
Trung tâm Dự báo khí tượng thủy văn quốc gia cho biết {time} trời chuyển rét, có mưa rào.
Nông dân ở {prov} đang tập trung thu hoạch lúa vụ đông xuân.
Năng suất lúa năm nay đạt khoảng {n} tạ mỗi héc ta, cao hơn năm ngoái.
Gia đình {person} trồng hơn {n} cây {good} trên diện tích gần {n} héc ta.
Nhiều hộ nông dân chuyển sang trồng cây ăn quả và nuôi tôm cho thu nhập cao hơn.
Bệnh viện đa khoa tỉnh {prov} vừa tiếp nhận một bệnh nhân {n} tuổi mắc {disease}.
Các bác sĩ khuyến cáo người dân không nên tự ý mua thuốc về điều trị tại nhà.
Số ca mắc {disease} trong tuần này tăng nhanh, chủ yếu là trẻ em.
Sau {n} ngày điều trị, sức khỏe của bệnh nhân đã ổn định và được xuất viện.
Học sinh lớp 12 đang bước vào đợt ôn thi cuối cùng trước kỳ thi tốt nghiệp.
Điểm trung bình môn {subject} của thí sinh {prov} năm nay cao hơn năm trước.
Trường học ở {ward} đã sửa chữa xong phòng học để đón học sinh trở lại trường.
Cô giáo {name} đã có hơn {n} năm đứng lớp ở vùng khó khăn.
Vụ tai nạn giao thông xảy ra lúc {n} giờ sáng trên quốc lộ {n} đoạn qua {prov}.
Xe khách chở {n} người đã va chạm với xe tải khiến nhiều người bị thương.
Cơ quan công an đang điều tra làm rõ nguyên nhân vụ việc.
Người đàn ông {n} tuổi đã bị bắt giữ khi đang vận chuyển hàng lậu.
Tòa án nhân dân tỉnh {prov} tuyên phạt bị cáo {n} năm tù về tội lừa đảo chiếm đoạt tài sản.
Bị cáo khai đã chiếm đoạt của các bị hại tổng cộng hơn {money}.
{Person} năm nay {n} tuổi, sống cùng con gái ở {ward}.
Vợ chồng {person} có ba người con, hai con đã đi làm ở thành phố.
Tôi và gia đình rất cảm ơn sự giúp đỡ của bà con trong xóm.
Chị ấy nói rằng mình chỉ mong con cái được học hành đầy đủ.
Anh ấy đã làm việc ở nhà máy này từ năm {year} đến nay.
Những ngày này, người dân {ward} tất bật chuẩn bị đón Tết.
Hiện nay, cả nước có khoảng {n} triệu người tham gia bảo hiểm xã hội.
Theo thống kê, dân số Việt Nam năm nay vào khoảng {n} triệu người.
Đội tuyển Việt Nam đã giành chiến thắng {score} trong trận đấu tối qua.
Trận đấu diễn ra trên sân vận động {prov} với sự cổ vũ của hàng nghìn khán giả.
Huấn luyện viên cho biết các cầu thủ đã thi đấu hết mình.
Lượng khách du lịch đến {prov} trong dịp nghỉ lễ tăng mạnh, các khách sạn đều kín phòng.
Công ty đã tuyển thêm {n} lao động với mức lương từ {money} mỗi tháng.
Nhiều công nhân bị mất việc, thu nhập giảm nên cuộc sống gặp nhiều khó khăn.
Điện thoại mới của hãng có giá bán từ {money} và sẽ lên kệ vào tháng tới.
Mẫu xe này được bán với giá {money}, rẻ hơn đời cũ khoảng {money}.
Ứng dụng này cho phép người dùng thanh toán hóa đơn điện, nước ngay trên điện thoại.
Giá xăng {time} được điều chỉnh tăng thêm {n} đồng mỗi lít.
Cả nhà ngồi ăn cơm với nhau rồi cùng đi chợ mua sắm đồ Tết.
Em bé được đưa đến bệnh viện cấp cứu kịp thời và đã qua cơn nguy kịch.
Ông bà tôi vẫn còn khỏe, ngày nào cũng ra vườn chăm cây.
Mỗi năm gia đình tôi có thu nhập khoảng {money} từ vườn cây này.
Cửa hàng mở cửa từ {n} giờ sáng đến {n} giờ tối các ngày trong tuần.
Nếu không có gì thay đổi, công trình sẽ hoàn thành vào cuối năm nay.
Dự án có tổng vốn đầu tư hơn {money}, dự kiến đưa vào sử dụng năm {year}.
Nhưng những khó khăn này vẫn chưa được giải quyết dứt điểm.
Tuy nhiên, theo các chuyên gia, thị trường sẽ còn biến động trong thời gian tới.
Ngày nay, nhiều bạn trẻ chọn khởi nghiệp ngay tại quê nhà.
""")


class Slots(dict):
    def __missing__(self, key):
        f = {
            'good': lambda: pick(GOODS), 'unit': lambda: pick(UNITS), 'place': lambda: pick(PLACES_NOUNS),
            'prov': lambda: pick(PROVINCES), 'ward': lambda: pick(WARDS), 'time': lambda: pick(TIMES),
            'Time': lambda: cap(pick(TIMES)), 'feel': lambda: pick(FEELINGS), 'money': money, 'pct': pct,
            'n': num, 'year': lambda: str(rng.randrange(1990, 2026)), 'weather': lambda: pick(WEATHER),
            'disease': lambda: pick(DISEASES), 'subject': lambda: pick(SUBJECTS), 'person': someone,
            'Person': lambda: cap(someone()), 'name': person_name,
            'score': lambda: '%d-%d' % (rng.randrange(1, 5), rng.randrange(0, 3)),
        }[key]
        return f()


def cap(s):
    return s[:1].upper() + s[1:]


def fill(t):
    out = t
    for _ in range(3):
        if '{' not in out:
            break
        out = out.format_map(Slots())
    return out


for _ in range(N_PARAGRAPHS):
    para = ' '.join(cap(fill(pick(TEMPLATES))) for _ in range(rng.randrange(2, 4)))
    sys.stdout.write(unicodedata.normalize('NFC', para) + '\n')
