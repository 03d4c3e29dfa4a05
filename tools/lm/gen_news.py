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
N_PARAGRAPHS = int(os.environ.get('NEWS_PARAGRAPHS', '400'))
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
Thơm
Huệ
Lý
Liên
Nhàn
Oanh
Thu
Thúy
Hường
Hậu
Dung
Duyên
Diệp
Giang
Hạnh
Kiên
Khánh
Lâm
Lực
Mạnh
Nghĩa
Nhân
Quý
Sáng
Tài
Thái
Thiện
Thịnh
Toàn
Trí
Tường
Vũ
Xuân
Đức
Đông
Hiệp
Hòa
Hồng
Huyền
Lợi
Nguyệt
Phát
Quyên
Tình
Vy
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
Chúng tôi đã đến thăm gia đình {person} vào một buổi chiều cuối tuần.
Tôi nghĩ rằng đây là cơ hội tốt để các bạn trẻ học hỏi thêm kinh nghiệm.
Chị cho biết chỉ còn vài ngày nữa là con gái chị đi học xa nhà.
Anh em trong gia đình luôn đoàn kết, giúp đỡ nhau vượt qua khó khăn.
Bức ảnh chụp cảnh người dân đội mưa đi làm đã được nhiều người chia sẻ.
Thời tiết xấu đã ảnh hưởng lớn đến việc đi lại của người dân.
Con số này cao hơn nhiều so với dự báo của các chuyên gia.
Hiện nay vẫn còn nhiều hộ dân chưa được tiếp cận nước sạch.
Trong năm nay, công ty đặt mục tiêu đạt doanh thu {money}.
Mục tiêu đặt ra là đến năm {year} có ít nhất {pct} người dân sử dụng dịch vụ công trực tuyến.
Mức lương tối thiểu vùng sẽ được điều chỉnh tăng từ ngày 1/7.
Tiền lương của công nhân tăng nhưng vẫn chưa đủ trang trải cuộc sống.
Chất lượng sản phẩm được nâng lên nên số lượng đơn hàng tăng mạnh.
Lực lượng chức năng đã có mặt kịp thời để hỗ trợ người dân.
Người dân đổ xô đi mua sắm trong những ngày cuối tuần.
Mùa mưa năm nay đến sớm, lượng mưa lớn hơn trung bình nhiều năm.
Các cửa hàng bán lẻ đồng loạt giảm giá để kích cầu tiêu dùng.
Bạn bè và người thân đã đến chia vui cùng gia đình.
Đánh giá của các chuyên gia cho thấy giá trị xuất khẩu sẽ tiếp tục tăng.
Gia đình chị có bốn người, sống trong căn nhà nhỏ gần chợ.
Việt Nam tham gia nhiều hiệp định thương mại tự do với các quốc gia trong khu vực.
Gần đây, tình trạng lừa đảo qua mạng diễn ra ngày càng tinh vi.
Công ty cổ phần này có hơn {n} cổ đông, cổ phiếu được giao dịch trên sàn chứng khoán.
Giá cổ phiếu ngân hàng tăng mạnh trong phiên giao dịch sáng nay.
Thị trường chứng khoán có một tuần biến động mạnh, nhiều mã cổ phiếu giảm sàn.
Các đối tượng đã dùng mã độc để chiếm quyền điều khiển máy tính.
Người nộp thuế cần ghi đúng mã số thuế trên hóa đơn.
Hàng hóa qua cửa khẩu tăng mạnh vào dịp cuối năm.
Hãng xe này vừa ra mắt mẫu xe mới với nhiều màu sắc.
Các loại rau, củ, quả được bày bán nhiều hơn so với ngày thường.
Đây là loài động vật quý hiếm cần được bảo vệ.
Quý I năm nay, kinh tế tăng trưởng khá so với cùng kỳ.
Theo quy định, người vi phạm sẽ bị phạt tiền từ {money}.
Văn bản này có hiệu lực kể từ ngày ký.
Các nhà máy sản xuất đã hoạt động trở lại sau kỳ nghỉ Tết.
Sàn giao dịch thương mại điện tử ghi nhận số đơn hàng tăng gấp đôi.
Chiếc xe tải chở hàng bị lật khi đang xuống dốc.
Người dùng có thể tải ứng dụng về điện thoại để tra cứu thông tin.
Phong trào thi đua yêu nước được triển khai rộng khắp ở các địa phương.
Tổng vốn đầu tư từ nước ngoài vào Việt Nam tăng so với năm ngoái.
Thị trường bất động sản có dấu hiệu phục hồi, giá nhà tăng trở lại.
Nếu trời mưa thì buổi lễ sẽ được tổ chức trong hội trường.
Cơ quan điều tra đang tìm kiếm các nạn nhân còn mất tích.
Sáng sớm, nhiều người đã sang bên kia sông để làm việc.
Số tiền này được dùng để xây dựng nhà văn hóa cho thôn.
Đất nông nghiệp bị thu hồi để làm dự án khu dân cư.
Ông nói rằng nếu không có sự hỗ trợ thì gia đình khó mà vượt qua được.
Sản phẩm nổi bật của làng nghề là các mặt hàng mây tre đan.
Mẫu áo dài có màu đỏ được nhiều người lựa chọn trong dịp Tết.
Vì vậy, cần xây dựng nền tảng số dùng chung cho cả tỉnh.
Anh cho biết đã mất gần hết số vốn làm ăn trong năm qua.
Cán bộ y tế có mặt tại hiện trường để sơ cứu cho người bị nạn.
Mực nước trên các sông đang lên nhanh, có khả năng gây ngập úng.
Thế nhưng, thẻ bảo hiểm y tế của bà đã hết hạn từ tháng trước.
Phụ nữ và trẻ em là những người chịu ảnh hưởng nặng nề nhất.
Người dân sống ở ven biển phải chằng chống nhà cửa trước khi bão đổ bộ.
Số người tử vong do tai nạn giao thông giảm so với cùng kỳ.
Đó là những kết quả đáng ghi nhận trong thời gian qua.
Nhiệt độ cao nhất ở các tỉnh miền Trung có nơi trên {n} độ.
Gói hỗ trợ trị giá {money} đã đến tay người lao động.
Người dân có thể gọi đến đường dây nóng để phản ánh vụ việc.
Ngay sau khi nhận tin báo, lực lượng cứu hộ đã có mặt.
Ngày càng có nhiều người lựa chọn thanh toán không dùng tiền mặt.
Thanh niên tình nguyện tham gia dọn dẹp vệ sinh môi trường.
Thành phố đang đẩy nhanh tiến độ các công trình giao thông trọng điểm.
Mỗi năm, nhà máy chế biến hàng nghìn tấn nông sản.
Sau khi tan học, các em ra đồng giúp bố mẹ.
Đồng bào các dân tộc đã cùng nhau đón Tết trong không khí đầm ấm.
Hội đồng nhân dân đã đồng ý thông qua dự án.
Dòng người đổ về trung tâm thành phố ngày càng đông.
Mùa đông năm nay được dự báo sẽ lạnh hơn mọi năm.
Phía đông của tỉnh có nhiều khu công nghiệp lớn.
Cuối cùng, cả hai bên cùng đi đến thống nhất.
Cùng với đó, tỉnh cũng chú trọng phát triển du lịch.
Những người con xa quê vẫn luôn hướng về quê hương.
Tuy có nhiều khó khăn nhưng người dân vẫn tin tưởng vào chính sách.
Bác sĩ cho biết bệnh nhân bị tổn thương gan và phải điều trị lâu dài.
Tỷ lệ hộ nghèo giảm còn {pct}.
Nhiều công ty đã tuyển dụng thêm lao động sau Tết.
Các đối tượng phạm tội đã bị khởi tố về tội cướp tài sản.
Tội phạm công nghệ cao ngày càng có nhiều thủ đoạn mới.
Chúng tôi luôn cố gắng phục vụ khách hàng tốt nhất.
Địa chỉ liên hệ được ghi rõ trên trang thông tin điện tử của sở.
Chỉ số giá tiêu dùng tháng này tăng nhẹ so với tháng trước.
Học sinh được hướng dẫn các kỹ năng phòng tránh đuối nước.
Trường hợp này cần được xem xét kỹ trước khi đưa ra quyết định.
Điều này cho thấy nhu cầu của thị trường vẫn còn rất lớn.
Việc làm này đã góp phần nâng cao đời sống người dân.
Ông bà ta có câu "có công mài sắt, có ngày nên kim".
Trồng cây gây rừng là việc làm thiết thực để bảo vệ môi trường.
Trong khi đó, giá thức ăn chăn nuôi vẫn ở mức cao.
Hàng trăm con đường ở nông thôn đã được bê tông hóa.
Người lao động được nghỉ Tết Nguyên đán {n} ngày.
Đội ngũ giáo viên được bồi dưỡng thường xuyên về chuyên môn.
Em mong sau này được trở thành bác sĩ để chữa bệnh cho mọi người.
Cô ấy đã đạt giải nhất trong kỳ thi học sinh giỏi cấp tỉnh.
Ban tổ chức đã trao giải cho các vận động viên đạt thành tích cao.
Khách hàng có thể đặt hàng trực tuyến và nhận hàng tại nhà.
Đồng thời, ngân hàng cũng giảm phí chuyển tiền cho khách hàng cá nhân.
Cộng đồng mạng đã chia sẻ rất nhiều hình ảnh đẹp về lễ hội.
Hai bên đã ký hợp đồng hợp tác với tổng giá trị {money}.
Chiếc đồng hồ này có giá gần {money}.
Các đồng nghiệp đều quý mến anh vì sự nhiệt tình.
Đa số người dân đồng tình với chủ trương của thành phố.
Vùng đồng bằng sông Cửu Long là vựa lúa lớn nhất cả nước.
Giá bán lẻ xăng giảm {n} đồng mỗi lít từ chiều nay.
Mỗi suất ăn có giá {n}.000 đồng.
Chị em phụ nữ trong xã tích cực tham gia các hoạt động của hội.
Chị gái tôi làm giáo viên ở một trường tiểu học.
Theo chị, điều quan trọng nhất là các con được khỏe mạnh.
Chị Hoa nói chị sẽ tiếp tục gắn bó với nghề.
Anh trai của nạn nhân cho biết gia đình rất đau buồn.
Theo anh, người trẻ cần mạnh dạn thay đổi cách làm ăn.
Vợ anh làm công nhân may, thu nhập mỗi tháng khoảng {money}.
Anh chị em trong đơn vị luôn hỗ trợ nhau hoàn thành công việc.
Đông đảo người dân và du khách đã đến tham dự lễ hội.
Các nước Đông Nam Á tăng cường hợp tác phát triển kinh tế.
Khu vực này đông dân cư nên thường xuyên ùn tắc giao thông.
Phần còn lại sẽ được hoàn thành trong tháng tới.
Không chỉ vậy, sản phẩm còn được xuất khẩu sang nhiều nước.
Căn nhà không còn ai ở sau khi ông bà mất.
Người mua nhà lần đầu được hỗ trợ vay vốn với lãi suất thấp.
Anh dự định mua xe mới vào cuối năm.
Sức mua trên thị trường tăng mạnh vào dịp cuối năm.
Đây cũng là lần đầu tiên giải đấu được tổ chức tại Việt Nam.
Nhà trường cũng đã liên hệ với gia đình để tìm hiểu hoàn cảnh của em.
Việc này cũng không phải là dễ dàng đối với người cao tuổi.
Tôi là người sinh ra và lớn lên ở vùng quê này.
Tôi đã làm nghề này hơn hai mươi năm.
Ước mơ của tôi là mở một cửa hàng nhỏ.
Tôi rất mong các cơ quan chức năng sớm vào cuộc.
Tôi không nghĩ rằng mình có thể làm được điều đó.
Đại hội đồng cổ đông thường niên của công ty sẽ diễn ra vào tháng tới.
Hàng nghìn cổ động viên đã đến sân cổ vũ cho đội nhà.
Nhiều doanh nghiệp nhà nước đã hoàn thành cổ phần hóa.
Lễ hội cổ truyền thu hút đông đảo du khách thập phương.
Giá vàng mua vào, bán ra đều tăng so với hôm qua.
Cửa hàng đã bán được hơn {n} sản phẩm chỉ trong một ngày.
Người bán hàng rong mưu sinh trên phố trong cái nắng gay gắt.
Nông dân chuyển từ trồng lúa sang trồng rau sạch.
Ngành trồng trọt và chăn nuôi đều có bước phát triển.
Lượng khách quốc tế đến Việt Nam tăng mạnh.
Sản lượng lúa cả năm ước đạt hơn {n} triệu tấn.
Các nguồn năng lượng tái tạo như điện gió, điện mặt trời đang phát triển nhanh.
Người Việt ở nước ngoài luôn hướng về quê hương, đất nước.
Học sinh được học tiếng Việt và tiếng Anh từ lớp một.
Hãng hàng không vừa mở thêm đường bay mới.
Theo hãng tin nước ngoài, cuộc đàm phán đã đạt được nhiều tiến triển.
Kim ngạch xuất khẩu của cả nước đạt hơn {n} tỷ USD.
Tỷ lệ thất nghiệp của lao động trong độ tuổi giảm nhẹ.
Đội chủ nhà đã lội ngược dòng để giành chiến thắng với tỷ số 2-1.
Kết quả học tập của các em khá tốt.
Giá thuê nhà ở khu vực trung tâm khá cao.
Lãi suất cho vay hiện ở mức thấp.
Mức phạt đối với hành vi này được nâng lên đáng kể.
Mở cửa sổ thường xuyên giúp không khí trong nhà thông thoáng.
Các trường đã mở cửa đón học sinh trở lại.
Doanh nghiệp đạt doanh thu cao nhất từ trước đến nay.
Tỉnh đạt tỷ lệ tiêm chủng cao so với cả nước.
Nhiều nhà khoa học trẻ đã đạt được những thành tựu đáng tự hào.
Dòng sông chảy qua làng đã bị ô nhiễm nặng.
Hoạt động sản xuất, kinh doanh dần phục hồi.
Những người tham gia giao thông cần chấp hành luật lệ.
Giá trị sản xuất công nghiệp tăng so với cùng kỳ năm trước.
Chính quyền địa phương đã hỗ trợ mỗi gia đình {money}.
Vụ việc đang được cơ quan công an thụ lý, giải quyết.
Bệnh viện đã huy động các chuyên gia đầu ngành hội chẩn.
Cơ sở vật chất của nhà trường còn thiếu thốn.
Ông từng là bộ đội, tham gia chiến đấu bảo vệ Tổ quốc.
Cả làng cùng nhau góp tiền sửa lại con đường.
Mọi người đều vui mừng khi biết tin.
Cơ hội việc làm cho sinh viên mới ra trường ngày càng nhiều.
Giữa trưa nắng, những người thợ vẫn miệt mài làm việc.
Buổi tối, cả gia đình quây quần bên mâm cơm.
Con trai bà đang học đại học ở Hà Nội.
Trong những năm qua, đời sống của người dân đã được cải thiện rõ rệt.
Chị {given} kể lại, hôm đó trời mưa rất to, cả nhà không ai ngủ được.
Chị {given} tâm sự: "Tôi chỉ mong con được đi học như các bạn".
Nói về quyết định của mình, chị {given} cho rằng không có gì phải hối tiếc.
Chồng chị mất sớm, một mình chị nuôi ba con ăn học.
Chị và chồng đều làm công nhân ở khu công nghiệp.
Chị bảo, nghề này vất vả nhưng thu nhập ổn định.
Hai chị em thay nhau chăm sóc mẹ già ốm yếu.
Anh {given} chia sẻ: "Tôi rất bất ngờ khi nhận được tin này".
Anh {given} kể, có những hôm anh phải làm việc đến nửa đêm.
Anh là con trai út trong một gia đình có năm anh chị em.
Anh và các đồng đội đã có mặt tại hiện trường ngay sau đó.
Khi được hỏi, anh cho biết mình chưa bao giờ nghĩ đến chuyện bỏ nghề.
Ông {given} năm nay đã ngoài bảy mươi tuổi nhưng vẫn còn rất minh mẫn.
Bà {given} xúc động nói: "Cả đời tôi chưa bao giờ được đi xa như vậy".
Theo bà {given}, chợ quê ngày nay đã khác xưa rất nhiều.
Em {given} là học sinh lớp 9 của trường trung học cơ sở trong xã.
Cô {given} cho biết các em học sinh rất chăm ngoan.
Tôi với anh ấy quen nhau từ hồi còn đi học.
Tôi vẫn nhớ như in ngày đầu tiên đi làm.
Tôi thấy mình may mắn vì luôn có gia đình ở bên.
Nhà tôi ở ngay cạnh chợ nên việc buôn bán khá thuận lợi.
Bố mẹ tôi đều là nông dân, quanh năm làm ruộng.
Chúng tôi sẽ tiếp tục theo dõi và thông tin đến bạn đọc.
Nhiều bạn đọc đã gửi thư đến tòa soạn bày tỏ sự quan tâm.
Bạn có thể đăng ký trực tuyến mà không cần đến trụ sở.
Người bạn thân của anh cũng có mặt trong ngày vui.
Gia đình anh đã bán mảnh đất để trả nợ.
Căn nhà được rao bán với giá {money}.
Bản án sơ thẩm đã bị kháng cáo lên tòa án cấp trên.
Cơ quan chức năng đã lập biên bản vi phạm hành chính.
Tiền thuê mặt bằng tăng khiến nhiều cửa hàng phải đóng cửa.
Nhà tôi có ba mẫu ruộng, vụ nào cũng trồng lúa.
Mùa này, nông dân đang trồng ngô và khoai lang.
Mua bán trên mạng xã hội ngày càng phổ biến.
Mùa mưa bão đang đến gần, người dân cần chủ động phòng tránh.
Lượng mưa đo được ở một số nơi lên tới hơn {n} mm.
Người mua và người bán đều gặp khó khăn khi giá cả biến động.
Giá cả các mặt hàng thiết yếu được giữ ổn định.
Mức giá này được nhiều người tiêu dùng chấp nhận.
Nhiều hãng bảo hiểm đã tăng phí so với năm ngoái.
Mặt hàng này được bày bán ở hầu hết các siêu thị.
Khá nhiều người dân chưa biết đến chính sách mới.
Khả năng cao là giá sẽ còn tăng trong thời gian tới.
Học sinh được tổ chức viết thư gửi các chiến sĩ ở Trường Sa.
Người Việt Nam ở nước ngoài gửi tiền về nước ngày càng nhiều.
Hòa bình, ổn định là điều kiện để phát triển kinh tế.
Các hóa đơn điện tử được gửi đến khách hàng qua thư điện tử.
Cổ phiếu của nhiều doanh nghiệp bất động sản tăng trần.
Cơ quan thuế đã cưỡng chế nợ thuế đối với {n} doanh nghiệp.
Nợ xấu của các ngân hàng có xu hướng tăng.
Ông ấy nói rằng nó sẽ không xảy ra thêm một lần nào nữa.
Phần lớn các loại thực phẩm đều có nguồn gốc rõ ràng.
Cuộc sống của bà con vùng lũ còn rất nhiều khó khăn.
Ngay từ sáng sớm, chợ đã đông người mua bán.
Ngày mai, trời tiếp tục nắng nóng.
Ở đây, người dân chủ yếu sống bằng nghề đánh bắt cá.
Xe ô tô đỗ dưới lòng đường gây cản trở giao thông.
Sau nhiều năm làm việc xa nhà, anh quyết định trở về quê lập nghiệp.
Cho đến nay, vụ việc vẫn chưa được giải quyết.
Tuy nhiên, do thời tiết không thuận lợi nên năng suất giảm.
Bà con nông dân rất phấn khởi vì lúa được mùa, được giá.
Tổng số tiền ủng hộ đã lên tới hơn {money}.
Các đối tượng khai nhận đã nhiều lần trộm cắp tài sản.
Nguyễn Văn A và các đồng phạm đã bị bắt giữ.
Nguyên nhân ban đầu được xác định là do chập điện.
Thức ăn ở quán này rất ngon và giá cả hợp lý.
Ngôn ngữ là một phần quan trọng của văn hóa dân tộc.
Song song với đó, tỉnh đẩy mạnh cải cách thủ tục hành chính.
Ông sống cùng vợ trong căn nhà nhỏ ở cuối làng.
Điện lực tỉnh thông báo lịch cắt điện để bảo dưỡng đường dây.
Vào mùa đông, nhiều người già thường mắc các bệnh về hô hấp.
Đường phố đông đúc xe cộ vào giờ tan tầm.
Người dân phía đông thành phố đã được cấp nước sạch.
Hoạt động của các cơ sở kinh doanh được kiểm tra thường xuyên.
Dù đã lớn tuổi nhưng ông vẫn còn làm việc hằng ngày.
Số còn lại đang được các cơ quan chức năng xác minh.
Những đứa con của bà đều đã trưởng thành.
Các con của anh đều học giỏi và ngoan ngoãn.
Cũng theo báo cáo, số doanh nghiệp thành lập mới tăng mạnh.
Chị cũng cho biết sẽ cùng chồng mở rộng quy mô sản xuất.
Ai cũng mong một năm mới bình an, may mắn.
Người tiêu dùng có xu hướng mua hàng online nhiều hơn.
Khách đến mua rất đông nên cửa hàng phải tuyển thêm người.
Trời mưa suốt mấy ngày liền khiến nhiều tuyến đường bị ngập.
Trồng rau sạch giúp nhiều hộ dân có thu nhập ổn định.
Những khó khăn trong sản xuất đã được tháo gỡ kịp thời.
Những ngày qua, giá heo hơi tăng mạnh.
Công việc vất vả nhưng anh chưa bao giờ than phiền.
Doanh số bán hàng tháng này tăng so với tháng trước.
Tài liệu được in thành nhiều bản để phát cho người dân.
Tổng lượng hàng hóa qua cảng tăng {pct}.
Lương hưu và trợ cấp bảo hiểm xã hội được điều chỉnh tăng.
Hai nước cam kết thúc đẩy quan hệ hợp tác vì hòa bình và phát triển.
Hóa chất độc hại được xử lý theo đúng quy định.
Hôm nay là ngày đầu tiên học sinh đến trường.
Mẫu điện thoại này được bán chính hãng tại Việt Nam.
Mà đã nói là phải làm, không thể để chậm trễ.
Mã QR được in trên bao bì để người mua tra cứu nguồn gốc.
Mức tăng trưởng này cao hơn mục tiêu đề ra.
Các ngành kinh tế mũi nhọn của tỉnh đạt mức tăng trưởng khá.
Chuyện này đã khiến gia đình anh mất ăn mất ngủ.
Người dân mất trắng sau trận lũ lịch sử.
Khuôn mặt của em bé rạng rỡ khi nhận được quà.
Nhiều loại trái cây được xuất khẩu sang thị trường châu Âu.
Hãng sản xuất đã thu hồi hàng nghìn sản phẩm bị lỗi.
Hàng nghìn người dân đã đến xem pháo hoa đêm giao thừa.
Tiền điện, tiền nước trong tháng này tăng do thời tiết nắng nóng.
Phụ huynh lo lắng khi học phí các trường tư thục tăng cao.
Tỉnh Phú Thọ có nhiều di tích lịch sử gắn với thời các vua Hùng.
Tôi đã tới đó nhiều lần nhưng lần nào cũng thấy đẹp.
Tới đây, thành phố sẽ mở thêm nhiều tuyến xe buýt.
Bà vẫn giữ thói quen đọc báo mỗi sáng.
Văn hóa đọc trong giới trẻ đang được khôi phục.
Thị xã có nhiều tiềm năng phát triển du lịch sinh thái.
Nếu có mưa lớn thì người dân cần theo dõi thông tin cảnh báo.
Tại buổi lễ, lãnh đạo địa phương đã trao tặng bằng khen.
Nhiều tài xế xe tải đã phải dừng lại vì đường bị sạt lở.
Đây là cơ hội để các doanh nghiệp mở rộng thị trường.
Cơ quan chức năng đã có văn bản trả lời người dân.
Vì vậy, người dân nên đến cơ sở y tế để được khám kịp thời.
Nền kinh tế đang dần lấy lại đà tăng trưởng.
Từ đầu năm đến nay, tỉnh đã thu hút {n} dự án đầu tư.
Anh tự học tiếng Anh qua mạng và đã đạt chứng chỉ quốc tế.
Sau khi tốt nghiệp, chị chuyển về quê làm việc.
Chuyên gia khuyến cáo người dân không nên chủ quan.
Sàn nhà bị ngập nước nên cả gia đình phải chuyển đồ lên gác.
Các sản phẩm nông sản được bày bán trên sàn thương mại điện tử.
Mỗi tháng, người lao động nhận lương vào ngày mùng 5.
Cô giáo nói các em phải học bài trước khi đến lớp.
Trong nội thành, nhiều tuyến phố bị ùn tắc kéo dài.
Trận đấu kết thúc với chiến thắng thuyết phục của đội khách.
Tháng này, sản lượng điện tiêu thụ tăng cao kỷ lục.
Đội bóng đã thắng cả ba trận ở vòng bảng.
Qua kiểm tra, cơ quan chức năng phát hiện nhiều sai phạm.
Giá nhà quá cao so với thu nhập của người lao động.
Thanh toán qua điện thoại giúp tiết kiệm thời gian.
Thành công này là kết quả của cả một quá trình nỗ lực.
""")


class Slots(dict):
    def __missing__(self, key):
        f = {
            'good': lambda: pick(GOODS), 'unit': lambda: pick(UNITS), 'place': lambda: pick(PLACES_NOUNS),
            'prov': lambda: pick(PROVINCES), 'ward': lambda: pick(WARDS), 'time': lambda: pick(TIMES),
            'Time': lambda: cap(pick(TIMES)), 'feel': lambda: pick(FEELINGS), 'money': money, 'pct': pct,
            'n': num, 'year': lambda: str(rng.randrange(1990, 2026)), 'weather': lambda: pick(WEATHER),
            'disease': lambda: pick(DISEASES), 'subject': lambda: pick(SUBJECTS), 'person': someone,
            'Person': lambda: cap(someone()), 'name': person_name, 'given': lambda: pick(GIVEN),
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
