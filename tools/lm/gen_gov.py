#!/usr/bin/env python3
"""Generate Party and government phrasing for the embedded language model.

    python3 tools/lm/gen_gov.py [CACHE] > gov.txt      (default CACHE=/work/cache/lm)

Registry text (statutes, software help) has almost no Party/government news wording
(`đảng`, `đồng chí`, `Bí thư`, `Ban Chỉ đạo` never occur). This script writes sentences in that
register from our own word lists below (titles, bodies, topics, verbs, templates, personal names)
crossed with administrative unit names from `vietnamadminunits` (MIT) and document-type codes
(facts from Decree 30/2020/NĐ-CP, Appendix III). Deterministic: a fixed-seed PRNG, sorted inputs.
"""
import os
import random
import sqlite3
import sys
import unicodedata

CACHE = sys.argv[1] if len(sys.argv) > 1 else '/work/cache/lm'
N_SENTENCES = int(os.environ.get('GOV_SENTENCES', '1000'))
rng = random.Random(20241122)


def pick(xs):
    return xs[rng.randrange(len(xs))]


def lines(block):
    return [x.strip() for x in block.strip().split('\n') if x.strip()]


# ---- administrative units (vietnamadminunits, MIT) -----------------------------------------
def load_units():
    import glob
    dbs = sorted(glob.glob(os.path.join(CACHE, 'x', 'vietnamadminunits-*', 'vietnamadminunits', 'data', 'dataset.db')))
    if not dbs:
        sys.exit('vietnamadminunits not unpacked (run tools/lm/fetch.sh)')
    db = sqlite3.connect(dbs[0])
    provinces, districts, communes = set(), set(), set()
    for (p,) in db.execute('select distinct province from admin_units union select distinct province from admin_units_legacy'):
        provinces.add(p)
    for (d,) in db.execute('select distinct district from admin_units_legacy'):
        districts.add(d)
    for (w,) in db.execute('select distinct ward from admin_units union select distinct ward from admin_units_legacy'):
        communes.add(w)
    norm = lambda s: sorted(unicodedata.normalize('NFC', x) for x in s if x)
    return norm(provinces), norm(districts), norm(communes)


PROVINCES, DISTRICTS, COMMUNES = load_units()


def short(unit):
    """'Thành phố Hà Nội' -> ('thành phố', 'Hà Nội')."""
    for kind in ('Thành phố', 'Tỉnh', 'Quận', 'Huyện', 'Thị xã', 'Thị trấn', 'Phường', 'Xã', 'Đặc khu'):
        if unit.startswith(kind + ' '):
            return kind.lower(), unit[len(kind) + 1:]
    return '', unit


def province():
    kind, name = short(pick(PROVINCES))
    return (kind or 'tỉnh') + ' ' + name


def province_name():
    return short(pick(PROVINCES))[1]


def locality():
    kind, name = short(pick(COMMUNES + DISTRICTS))
    return (kind or 'xã') + ' ' + name


def locality_kind():
    kind, _ = short(pick(COMMUNES + DISTRICTS))
    return kind or 'xã'


# ---- our own word lists ------------------------------------------------------------------------
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
Đinh
Trịnh
Đào
Mai
Lương
Cao
Lâm
Tạ
Hà
Tô
Chu
Thái
Quách
Vương
Kiều
Triệu
Đoàn
Văn
Nông
Lò
Hứa
Khúc
""")
MIDDLE = lines("""
Văn
Thị
Hữu
Đức
Minh
Quang
Thanh
Ngọc
Xuân
Hồng
Công
Đình
Trọng
Thế
Quốc
Kim
Thu
Bích
Hải
Anh
Tiến
Mạnh
Duy
Như
Phương
Khánh
Thúy
Gia
Bảo
Thành
""")
GIVEN = lines("""
An
Anh
Bình
Cường
Dũng
Dung
Duy
Giang
Hà
Hải
Hạnh
Hiền
Hiếu
Hoa
Hòa
Hùng
Hương
Huy
Khang
Khoa
Lan
Linh
Long
Mai
Minh
Nam
Nga
Ngọc
Nhung
Phong
Phúc
Phương
Phượng
Quân
Quang
Sơn
Tâm
Thắng
Thành
Thảo
Thủy
Tiến
Trang
Trung
Tuấn
Tùng
Vân
Việt
Vinh
Xuân
Yến
Lộc
Thịnh
Hưng
Đạt
Định
Khải
Lợi
Nghĩa
Tú
""")

CENTRAL_TITLES = lines("""
Tổng Bí thư
Chủ tịch nước
Thủ tướng Chính phủ
Chủ tịch Quốc hội
Phó Thủ tướng Chính phủ
Phó Chủ tịch Quốc hội
Thường trực Ban Bí thư
Ủy viên Bộ Chính trị
Bí thư Trung ương Đảng
Ủy viên Trung ương Đảng
Trưởng Ban Tổ chức Trung ương
Trưởng Ban Tuyên giáo và Dân vận Trung ương
Chủ nhiệm Ủy ban Kiểm tra Trung ương
Chủ tịch Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam
Tổng Kiểm toán Nhà nước
Chánh án Tòa án nhân dân tối cao
Viện trưởng Viện Kiểm sát nhân dân tối cao
""")
MINISTRIES = lines("""
Bộ Quốc phòng
Bộ Công an
Bộ Ngoại giao
Bộ Nội vụ
Bộ Tư pháp
Bộ Tài chính
Bộ Công Thương
Bộ Nông nghiệp và Môi trường
Bộ Xây dựng
Bộ Văn hóa, Thể thao và Du lịch
Bộ Khoa học và Công nghệ
Bộ Giáo dục và Đào tạo
Bộ Y tế
Bộ Dân tộc và Tôn giáo
Ngân hàng Nhà nước Việt Nam
Thanh tra Chính phủ
Văn phòng Chính phủ
""")
MINISTRY_TITLES = lines("""
Bộ trưởng
Thứ trưởng
Chánh Văn phòng
Vụ trưởng Vụ Tổ chức cán bộ
Cục trưởng
Phó Cục trưởng
""")
# titles and bodies at a level (tỉnh/thành phố, xã/phường)
LOCAL_TITLES = lines("""
Bí thư {U} ủy
Phó Bí thư {U} ủy
Phó Bí thư Thường trực {U} ủy
Ủy viên Ban Thường vụ {U} ủy
Chủ tịch Ủy ban nhân dân {u}
Phó Chủ tịch Ủy ban nhân dân {u}
Phó Chủ tịch Thường trực Ủy ban nhân dân {u}
Chủ tịch UBND {u}
Phó Chủ tịch UBND {u}
Chủ tịch Hội đồng nhân dân {u}
Phó Chủ tịch HĐND {u}
Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam {u}
Chủ nhiệm Ủy ban Kiểm tra {U} ủy
Trưởng Ban Tổ chức {U} ủy
Trưởng Ban Tuyên giáo và Dân vận {U} ủy
Chánh Văn phòng {U} ủy
Chánh Văn phòng UBND {u}
Trưởng Công an {u}
Giám đốc Công an {u}
Chỉ huy trưởng Bộ Chỉ huy Quân sự {u}
Trưởng ban Ban Chỉ đạo
Phó Trưởng ban Thường trực Ban Chỉ đạo
""")
LOCAL_BODIES = lines("""
Ban Chấp hành Đảng bộ {u}
Ban Thường vụ {U} ủy
Thường trực {U} ủy
Đảng ủy {u}
Ủy ban nhân dân {u}
UBND {u}
Hội đồng nhân dân {u}
HĐND {u}
Thường trực HĐND {u}
Ủy ban Mặt trận Tổ quốc Việt Nam {u}
Ủy ban Kiểm tra {U} ủy
Công an {u}
Ban Chỉ đạo {topic} {u}
Đoàn đại biểu Quốc hội {u}
Hội Liên hiệp Phụ nữ {u}
Hội Nông dân {u}
Hội Cựu chiến binh {u}
Đoàn Thanh niên Cộng sản Hồ Chí Minh {u}
Liên đoàn Lao động {u}
""")
DEPARTMENTS = lines("""
Sở Nội vụ
Sở Tài chính
Sở Tư pháp
Sở Công Thương
Sở Xây dựng
Sở Nông nghiệp và Môi trường
Sở Giáo dục và Đào tạo
Sở Y tế
Sở Khoa học và Công nghệ
Sở Văn hóa, Thể thao và Du lịch
Sở Dân tộc và Tôn giáo
Thanh tra tỉnh
Văn phòng UBND tỉnh
Ban Quản lý các khu công nghiệp
Bảo hiểm xã hội tỉnh
Kho bạc Nhà nước
Cục Thuế
Trung tâm Phục vụ hành chính công
""")
TOPICS = lines("""
chuyển đổi số
cải cách hành chính
xây dựng nông thôn mới
giảm nghèo bền vững
phòng, chống thiên tai
phòng, chống tham nhũng, lãng phí, tiêu cực
phát triển kinh tế - xã hội
bảo đảm quốc phòng, an ninh
giữ gìn an ninh chính trị, trật tự an toàn xã hội
xây dựng Đảng và hệ thống chính trị
sắp xếp tổ chức bộ máy tinh gọn, hoạt động hiệu lực, hiệu quả
sắp xếp đơn vị hành chính cấp xã
thu hút đầu tư
giải phóng mặt bằng
giải ngân vốn đầu tư công
thu ngân sách nhà nước
bảo vệ môi trường
phát triển du lịch
chăm sóc sức khỏe nhân dân
đổi mới giáo dục và đào tạo
an sinh xã hội
xóa nhà tạm, nhà dột nát
phòng cháy, chữa cháy
an toàn giao thông
phòng, chống dịch bệnh
học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh
công tác dân vận
công tác cán bộ
công tác kiểm tra, giám sát
đại hội đảng bộ các cấp
bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân các cấp
khoa học, công nghệ, đổi mới sáng tạo
phát triển kinh tế tư nhân
hội nhập quốc tế
xây dựng chính quyền điện tử
cấp căn cước cho công dân
chi trả lương hưu, trợ cấp xã hội
""")
VERBS = lines("""
triển khai thực hiện
tổ chức thực hiện
quán triệt và triển khai
tập trung lãnh đạo, chỉ đạo
chỉ đạo quyết liệt
đẩy mạnh
tăng cường
nâng cao hiệu quả
thực hiện nghiêm
kiểm tra, đôn đốc
rà soát, đánh giá
sơ kết
tổng kết
tháo gỡ khó khăn, vướng mắc trong
huy động các nguồn lực cho
""")
ADVERBS = lines("""
kịp thời
đồng bộ
hiệu quả
quyết liệt
nghiêm túc
thiết thực
chặt chẽ
toàn diện
""")
EVENTS = lines("""
hội nghị
hội nghị trực tuyến
hội nghị sơ kết
hội nghị tổng kết
phiên họp thường kỳ
kỳ họp thứ {n}
buổi làm việc
lễ trao quyết định
lễ kỷ niệm
lễ ra mắt
cuộc họp
đoàn công tác
""")
PLACES_WORDS = lines("""
người dân
nhân dân
cán bộ, đảng viên
cán bộ, công chức, viên chức
doanh nghiệp
hộ nghèo
hộ cận nghèo
gia đình chính sách
người có công với cách mạng
học sinh, sinh viên
người lao động
đồng bào dân tộc thiểu số
""")
RESULTS = lines("""
đạt và vượt kế hoạch đề ra
hoàn thành {pct} kế hoạch năm
tăng {pct} so với cùng kỳ năm trước
giảm {pct} so với năm trước
đạt {pct} dự toán được giao
có chuyển biến tích cực
còn một số hạn chế, khó khăn
được nhân dân đồng tình, ủng hộ
""")
DOC_KINDS = [
    ('Nghị quyết', 'NQ'), ('Quyết định', 'QĐ'), ('Chỉ thị', 'CT'), ('Kế hoạch', 'KH'), ('Thông báo', 'TB'),
    ('Chương trình', 'CTr'), ('Hướng dẫn', 'HD'), ('Báo cáo', 'BC'), ('Công văn', ''), ('Tờ trình', 'TTr'),
    ('Đề án', 'ĐA'), ('Quy định', 'QyĐ'), ('Kết luận', 'KL'), ('Công điện', 'CĐ'),
]
ISSUERS_PARTY = ['TW', 'TU', 'HU', 'ĐU', 'BCĐ', 'BTGTU', 'BTCTU', 'UBKTTU']
ISSUERS_STATE = ['UBND', 'HĐND', 'TTg', 'CP', 'BNV', 'BTC', 'SNV', 'STC', 'SGDĐT', 'BCĐ']


def person():
    return '%s %s %s' % (pick(SURNAMES), pick(MIDDLE), pick(GIVEN))


def number():
    return str(rng.choice([rng.randrange(1, 100), rng.randrange(100, 3000)]))


def year():
    return str(rng.randrange(2015, 2026))


def date():
    d, m = rng.randrange(1, 29), rng.randrange(1, 13)
    if rng.random() < 0.5:
        return 'ngày %d/%d/%s' % (d, m, year())
    return 'ngày %d tháng %d năm %s' % (d, m, year())


def pct():
    return '%d,%d%%' % (rng.randrange(1, 120), rng.randrange(0, 10)) if rng.random() < 0.5 else '%d%%' % rng.randrange(1, 100)


def document():
    name, code = pick(DOC_KINDS)
    if rng.random() < 0.5 and code:
        ref = '%s-%s/%s' % (number(), code, pick(ISSUERS_PARTY))
    elif code:
        ref = '%s/%s-%s' % (number(), code, pick(ISSUERS_STATE))
    else:
        ref = '%s/%s-%s' % (number(), pick(ISSUERS_STATE), pick(['VP', 'NV', 'TH', 'KT']))
    return '%s số %s %s' % (name, ref, 'ngày %d/%d/%s' % (rng.randrange(1, 29), rng.randrange(1, 13), year())) \
        if rng.random() < 0.6 else '%s số %s' % (name, ref)


def level():
    """(u, U): the unit phrase and the Party committee prefix for it."""
    r = rng.random()
    if r < 0.45:
        kind, name = short(pick(PROVINCES))
        kind = kind or 'tỉnh'
        return '%s %s' % (kind, name), ('Tỉnh' if kind == 'tỉnh' else 'Thành')
    if r < 0.9:
        kind, name = short(pick(COMMUNES))
        kind = kind or 'xã'
        return '%s %s' % (kind, name), 'Đảng'
    return 'tỉnh', 'Tỉnh'


def title():
    r = rng.random()
    if r < 0.15:
        return pick(CENTRAL_TITLES)
    if r < 0.3:
        return '%s %s' % (pick(MINISTRY_TITLES), pick(MINISTRIES))
    if r < 0.4:
        return '%s %s' % (pick(['Giám đốc', 'Phó Giám đốc', 'Chánh Thanh tra', 'Trưởng phòng']), pick(DEPARTMENTS))
    u, U = level()
    return pick(LOCAL_TITLES).format(u=u, U=U)


def body():
    if rng.random() < 0.2:
        return pick(DEPARTMENTS)
    u, U = level()
    return pick(LOCAL_BODIES).format(u=u, U=U, topic=pick(TOPICS))


def official():
    t = title()
    if rng.random() < 0.6:
        return 'đồng chí %s, %s' % (person(), t) if rng.random() < 0.5 else '%s %s' % (t, person())
    return 'đồng chí %s' % t


TEMPLATES = lines("""
{date}, {body} tổ chức {event} {verb} {doc} về {topic}.
{Official} chủ trì {event}.
Dự {event} có {official}; {official} và lãnh đạo các sở, ban, ngành, địa phương.
Phát biểu chỉ đạo tại {event}, {official} đề nghị các cấp ủy, chính quyền {verb} {topic} {adv}, {adv}.
{Official} yêu cầu {body} {verb} {topic}, bảo đảm {adv} và đúng quy định.
Theo báo cáo của {body}, năm {year}, công tác {topic} {result}.
Thực hiện {doc} của {body}, {body} đã ban hành {doc} để {verb} {topic}.
{Body} vừa ban hành {doc} về việc {verb} {topic} trên địa bàn {prov}.
Năm {year}, {loc} phấn đấu {result}, tập trung {verb} {topic}.
Toàn {kind} có {n} hộ nghèo, chiếm {pct} tổng số hộ.
{Official} đã trao quyết định bổ nhiệm {title} cho {official}.
Tại {event}, các đại biểu đã thảo luận, đánh giá kết quả {topic} và đề xuất nhiều giải pháp.
Ban Chỉ đạo {topic} {prov} đã kiểm tra, đôn đốc tiến độ thực hiện tại {loc}.
Đảng bộ {loc} hiện có {n} chi bộ với {n} đảng viên.
Các cấp ủy đảng tiếp tục lãnh đạo {verb} {topic}, phát huy vai trò của {people}.
Qua đó, {people} trên địa bàn {loc} đã tích cực hưởng ứng phong trào {topic}.
{Body} đề nghị {body} chủ động phối hợp với {body} để {verb} {topic}.
Đồng chí {person} được bầu giữ chức {title} nhiệm kỳ 2025 - 2030.
Hội nghị đã biểu quyết thông qua {doc}.
{Official} nhấn mạnh: {topic} là nhiệm vụ chính trị trọng tâm, thường xuyên của cả hệ thống chính trị.
Thay mặt lãnh đạo {prov}, {official} ghi nhận, biểu dương những kết quả mà {body} đã đạt được.
{Official} cũng chỉ rõ những tồn tại, hạn chế và yêu cầu khắc phục trong thời gian tới.
Sáng {date}, {official} dẫn đầu {event} của {prov} đã đến thăm, làm việc tại {loc}.
Chiều {date}, {body} tổ chức {event} sơ kết {n} năm thực hiện {doc}.
Trong {n} tháng đầu năm {year}, thu ngân sách trên địa bàn {prov} ước đạt {n} tỷ đồng, {result}.
Tổng vốn đầu tư công năm {year} của {prov} là {n} tỷ đồng, đến nay đã giải ngân {pct}.
Nhân dịp này, {body} đã trao {n} suất quà cho {people} có hoàn cảnh khó khăn.
{Body} đã tiếp nhận và giải quyết {n} hồ sơ thủ tục hành chính, đạt tỷ lệ {pct} đúng hạn.
Đến nay, {loc} đã có {n} xã đạt chuẩn nông thôn mới, {n} xã đạt chuẩn nông thôn mới nâng cao.
Theo {doc}, {body} có trách nhiệm chủ trì, phối hợp với {body} tổ chức thực hiện.
{Body} giao {body} theo dõi, đôn đốc và báo cáo kết quả thực hiện về {body} trước {date}.
Nhiệm kỳ tới, Đảng bộ {loc} xác định {topic} là khâu đột phá.
Các đại biểu thống nhất cao với dự thảo báo cáo chính trị trình đại hội.
Ông {person}, {title}, cho biết thời gian qua {loc} đã chú trọng {topic}.
Bà {person}, {title}, cho biết thời gian qua {loc} đã chú trọng {topic}.
Theo ông {person}, {people} rất phấn khởi khi công tác {topic} được quan tâm.
Ủy ban nhân dân {prov} vừa có văn bản chỉ đạo các địa phương {verb} {topic}.
Cơ quan chức năng đang khẩn trương xác minh, làm rõ vụ việc theo quy định của pháp luật.
Lực lượng công an {loc} đã phối hợp với chính quyền địa phương bảo đảm an ninh trật tự.
Đoàn kiểm tra số {n} của Ban Thường vụ {U} ủy đã làm việc với Ban Thường vụ Đảng ủy {loc}.
Từ ngày 1/7/2025, {loc} chính thức đi vào hoạt động theo mô hình chính quyền địa phương hai cấp.
Sau sắp xếp, {prov} có {n} đơn vị hành chính cấp xã, gồm {n} xã, {n} phường và {n} đặc khu.
""")


def fill(t):
    out = t
    for _ in range(4):
        if '{' not in out:
            break
        out = out.format_map(Slots())
    return out


class Slots(dict):
    def __missing__(self, key):
        f = {
            'date': date, 'year': year, 'n': number, 'pct': pct, 'doc': document, 'topic': lambda: pick(TOPICS),
            'verb': lambda: pick(VERBS), 'adv': lambda: pick(ADVERBS), 'event': lambda: pick(EVENTS),
            'body': body, 'Body': lambda: cap(body()), 'official': official, 'Official': lambda: cap(official()),
            'title': title, 'person': person, 'people': lambda: pick(PLACES_WORDS), 'result': lambda: pick(RESULTS),
            'prov': province, 'loc': locality, 'kind': locality_kind, 'U': lambda: level()[1],
        }[key]
        return f()


def cap(s):
    return s[:1].upper() + s[1:]


out = sys.stdout
for i in range(N_SENTENCES):
    # two or three sentences make a paragraph, like a news article
    para = ' '.join(cap(fill(pick(TEMPLATES))) for _ in range(rng.randrange(2, 4)))
    out.write(unicodedata.normalize('NFC', para) + '\n')
