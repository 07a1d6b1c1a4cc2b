"""Words the synthetic generator builds names from: places, agencies, functions, reforms.

The domain tables are text, one body per line, fields separated by "|"; a line that starts
with spaces continues the previous line's function names.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


def _rows(table: str) -> list[list[str]]:
    """The rows of a "|"-separated table; indented lines continue the last field."""
    rows: list[list[str]] = []
    for line in table.splitlines():
        if not line.strip():
            continue
        if line.startswith(" "):
            rows[-1][-1] += " " + line.strip()
        else:
            rows.append([field.strip() for field in line.split("|")])
    return rows


def _pairs(text: str) -> tuple[tuple[str, str], ...]:
    return tuple((pair[0], pair[2:]) for pair in text.split())


# Place-name characters with their pinyin, so jurisdiction ids read like the names.
PLACE_CHARS = _pairs(
    "江:jiang 川:chuan 南:nan 北:bei 东:dong 西:xi 山:shan 河:he 湖:hu 阳:yang 平:ping "
    "安:an 宁:ning 丰:feng 新:xin 兴:xing 华:hua 长:chang 清:qing 永:yong 泰:tai 康:kang "
    "德:de 福:fu 昌:chang 盛:sheng 林:lin 桥:qiao 溪:xi 源:yuan 城:cheng 州:zhou 云:yun "
    "龙:long 凤:feng 金:jin 石:shi 玉:yu 宝:bao 泉:quan 海:hai 浦:pu 沙:sha 田:tian "
    "坪:ping 塘:tang 庄:zhuang 口:kou 岭:ling 峰:feng 青:qing 白:bai 红:hong 黄:huang "
    "茂:mao 嘉:jia 信:xin 义:yi 仁:ren 明:ming 光:guang 瑞:rui 祥:xiang 乐:le 吉:ji "
    "秀:xiu 文:wen 武:wu 汉:han 延:yan 兰:lan 桂:gui 松:song 柳:liu 桃:tao 梅:mei "
    "竹:zhu 樟:zhang 枫:feng 梧:wu 银:yin 铜:tong 盐:yan 潭:tan 洲:zhou 渡:du 湾:wan "
    "港:gang 滨:bin 汇:hui 宜:yi 恩:en 怀:huai 临:lin 定:ding 靖:jing 顺:shun 通:tong "
    "远:yuan 崇:chong 高:gao 太:tai 上:shang 中:zhong 大:da 古:gu 万:wan 双:shuang "
    "博:bo 广:guang 开:kai 鹤:he 鹿:lu 马:ma 蒲:pu 柏:bai 陵:ling 阜:fu 固:gu 溧:li "
    "蓉:rong 洪:hong 浔:xun 赣:gan 湘:xiang 黔:qian 滇:dian 闽:min 皖:wan 豫:yu 鄂:e "
    "晋:jin 冀:ji 鲁:lu 苏:su 浙:zhe 秦:qin 陇:long 岳:yue 衡:heng 韶:shao 潮:chao "
    "惠:hui 肇:zhao 桐:tong 荆:jing 襄:xiang 随:sui 峡:xia 沅:yuan 澧:li 涟:lian 邵:shao"
)

# Characters that start a province abbreviation in document numbers (赣办发〔2019〕12号).
PROVINCE_PREFIXES = "赣湘黔滇闽皖豫鄂晋冀鲁苏浙秦陇"


@dataclass(frozen=True, slots=True)
class Domain:
    """A line of work an agency is named after: 住房和城乡建设 + 局."""

    core: str
    slug: str
    suffix: str
    short: str  # used in aliases (市住建局) and in merged names
    objects: tuple[str, ...]  # names of the functions such an agency holds
    since: int = 0  # first year one can be set up; 0: present when the records begin
    kind: str = "government"
    party: bool = False  # named 江川市委 + core


def _domains(table: str, kind: str) -> tuple[Domain, ...]:
    """Rows of core | slug | suffix | short | since | function names."""
    return tuple(
        Domain(core, slug, suffix, short, tuple(objects.split()), int(since), kind)
        for core, slug, suffix, short, since, objects in _rows(table)
    )


# Government departments; since 0 means present when the records begin (2000).
GOVERNMENT_DOMAINS = _domains(
    """
人民政府办公 | government-office | 室 | 政府办 | 0 | 政务督查 公文运转协调 电子政务建设统筹
发展计划 | development-planning | 委员会 | 计委 | 0 | 固定资产投资项目核准
    国民经济和社会发展规划编制 重大项目稽查
经济贸易 | economy-trade | 委员会 | 经贸委 | 0 | 技术改造项目备案 成品油零售经营资格审批
    工业运行监测
教育 | education | 局 | 教育局 | 0 | 民办学校办学许可 教师资格认定 校外培训机构审批
    学校安全监督检查
科学技术 | science-technology | 局 | 科技局 | 0 | 科技计划项目管理 技术合同认定登记 科技成果登记
民族宗教事务 | ethnic-religious | 局 | 民宗局 | 0 | 宗教活动场所登记 宗教临时活动地点审批
公安 | public-security | 局 | 公安局 | 0 | 户口迁移审批 剧毒化学品购买许可
    大型群众性活动安全许可
民政 | civil-affairs | 局 | 民政局 | 0 | 社会团体登记 民办非企业单位登记 婚姻登记 地名命名审批
司法 | justice | 局 | 司法局 | 0 | 法律援助 人民调解指导 基层法律服务工作者执业核准
财政 | finance | 局 | 财政局 | 0 | 政府采购监督 会计代理记账许可 财政票据管理
人事 | personnel | 局 | 人事局 | 0 | 事业单位公开招聘备案 专业技术职务任职资格审核 公务员登记
劳动和社会保障 | labour-social-security | 局 | 劳动保障局 | 0 | 劳务派遣经营许可
    特殊工时制度审批 社会保险登记 劳动保障监察
国土资源 | land-resources | 局 | 国土局 | 0 | 建设用地审批 采矿权登记 土地征收审查 土地登记
规划 | planning | 局 | 规划局 | 0 | 建设用地规划许可 建设工程规划许可 修建性详细规划审批
建设 | construction | 局 | 建设局 | 0 | 建筑工程施工许可 建筑业企业资质审批 城镇燃气经营许可
房产管理 | housing-administration | 局 | 房管局 | 0 | 商品房预售许可 房屋登记
    物业服务企业资质核定
交通 | transport | 局 | 交通局 | 0 | 道路运输经营许可 公路超限运输许可 出租汽车经营许可
水利 | water-resources | 局 | 水利局 | 0 | 取水许可 河道管理范围内建设项目审批 水土保持方案审批
农业 | agriculture | 局 | 农业局 | 0 | 农药经营许可 种子生产经营许可 农机安全监理
林业 | forestry | 局 | 林业局 | 0 | 林木采伐许可 使用林地审核 野生动物驯养繁殖许可
畜牧兽医 | animal-husbandry | 局 | 畜牧局 | 0 | 兽药经营许可 动物防疫条件审查 动物诊疗许可
对外贸易经济合作 | foreign-trade | 局 | 外经贸局 | 0 | 对外贸易经营者备案 外商投资企业设立审批
文化 | culture | 局 | 文化局 | 0 | 营业性演出审批 娱乐场所经营许可 互联网上网服务营业场所审批
广播电视 | broadcasting | 局 | 广电局 | 0 | 有线广播电视站设立审批 卫星电视接收设施安装许可
旅游 | tourism | 局 | 旅游局 | 0 | 旅行社设立许可 导游证核发 旅游市场监督检查
卫生 | health-bureau | 局 | 卫生局 | 0 | 医疗机构执业许可 公共场所卫生许可 放射诊疗许可
人口和计划生育 | family-planning | 委员会 | 计生委 | 0 | 生育服务证核发
    计划生育技术服务机构执业许可
审计 | audit | 局 | 审计局 | 0 | 政府投资项目审计 经济责任审计
环境保护 | environmental-protection | 局 | 环保局 | 0 | 建设项目环境影响评价审批 排污许可
    危险废物经营许可 环境违法行为行政处罚
统计 | statistics | 局 | 统计局 | 0 | 统计调查项目审批 统计执法检查
物价 | pricing | 局 | 物价局 | 0 | 收费许可证核发 价格监督检查
体育 | sports | 局 | 体育局 | 0 | 高危险性体育项目经营许可 体育赛事活动监管
工商行政管理 | industry-commerce | 局 | 工商局 | 0 | 企业登记注册 个体工商户登记 广告经营许可
质量技术监督 | quality-supervision | 局 | 质监局 | 0 | 特种设备使用登记 计量器具检定
    工业产品生产许可
食品药品监督管理 | food-drug | 局 | 食药监局 | 0 | 药品零售许可 食品生产许可 医疗器械经营许可
安全生产监督管理 | work-safety | 局 | 安监局 | 0 | 危险化学品经营许可 烟花爆竹经营许可
    安全生产行政处罚
粮食 | grain | 局 | 粮食局 | 0 | 粮食收购资格认定 储备粮管理
信访 | petitions | 局 | 信访局 | 0 | 信访事项复查 来访接待
外事侨务 | foreign-affairs | 办公室 | 外侨办 | 0 | 因公出国审核 侨务服务
人民防空 | civil-air-defense | 办公室 | 人防办 | 0 | 人防工程建设审批 防空地下室易地建设审批
机关事务管理 | government-offices | 局 | 机关事务局 | 0 | 公务用车管理 办公用房管理
城市管理行政执法 | urban-law-enforcement | 局 | 城管执法局 | 0 | 户外广告设置审批
    城市道路占用挖掘许可 市容环境卫生行政处罚
招商 | investment-attraction | 局 | 招商局 | 0 | 招商引资项目协调 投资服务
档案 | archives | 局 | 档案局 | 0 | 档案行政执法检查 档案利用服务
发展和改革 | development-reform | 委员会 | 发改委 | 2003 | 固定资产投资项目核准 企业投资项目备案
    节能审查 价格监督检查
商务 | commerce | 局 | 商务局 | 2004 | 对外贸易经营者备案 单用途商业预付卡备案
    报废机动车回收拆解资质认定
国有资产监督管理 | state-assets | 委员会 | 国资委 | 2004 | 国有产权登记 企业负责人薪酬审核
人力资源和社会保障 | human-resources | 局 | 人社局 | 2009 | 人力资源服务许可 劳务派遣经营许可
    社会保险登记 劳动保障监察
住房和城乡建设 | housing-construction | 局 | 住建局 | 2009 | 建筑工程施工许可 商品房预售许可
    城镇燃气经营许可 历史文化名城保护
卫生和计划生育 | health-family-planning | 委员会 | 卫计委 | 2013 | 医疗机构执业许可
    公共场所卫生许可 生育登记服务
市场监督管理 | market-regulation | 局 | 市场监管局 | 2014 | 食品经营许可 企业登记注册
    特种设备使用登记 药品零售许可 知识产权保护
行政审批 | administrative-approval | 局 | 审批局 | 2015 | 企业投资项目审批 建设工程设计方案审查
    施工图联合审查 竣工联合验收
大数据管理 | big-data | 局 | 大数据局 | 2017 | 政务数据共享 政务信息化项目审核
城市管理和综合执法 | urban-management | 局 | 城管局 | 2017 | 城市建筑垃圾处置核准 户外广告设置审批
    市容环境卫生行政处罚
自然资源 | natural-resources | 局 | 自然资源局 | 2018 | 建设用地规划许可 建设工程规划许可
    采矿权登记 不动产登记
生态环境 | ecology-environment | 局 | 生态环境局 | 2018 | 建设项目环境影响评价审批 排污许可
    生态环境行政处罚
农业农村 | agriculture-rural | 局 | 农业农村局 | 2018 | 农药经营许可 兽药经营许可 农村宅基地审批
    种子生产经营许可
文化广电旅游 | culture-tourism | 局 | 文广旅局 | 2018 | 营业性演出审批 旅行社设立许可
    文物保护单位修缮审批
卫生健康 | health | 委员会 | 卫健委 | 2018 | 医疗机构执业许可 公共场所卫生许可
    母婴保健技术服务许可
退役军人事务 | veterans-affairs | 局 | 退役军人局 | 2018 | 优抚对象认定 退役士兵安置 烈士褒扬
应急管理 | emergency-management | 局 | 应急局 | 2018 | 危险化学品经营许可 烟花爆竹经营许可
    生产安全事故调查
医疗保障 | healthcare-security | 局 | 医保局 | 2018 | 定点医药机构协议管理 医疗保障基金监督检查
地方金融监督管理 | local-finance | 局 | 金融局 | 2018 | 小额贷款公司设立审批 融资担保公司监管
政务服务数据管理 | services-data | 局 | 政务数据局 | 2020 | 政务服务事项标准化 一网通办平台建设
中小企业服务 | sme-services | 局 | 中小企业局 | 2021 | 中小企业公共服务 惠企政策兑现
数据 | data-bureau | 局 | 数据局 | 2023 | 公共数据资源开发利用 数字政府建设统筹
""",
    "government",
)

INSTITUTION_DOMAINS = _domains(
    """
公共资源交易 | public-resources-trading | 中心 | 公管中心 | 0 | 公共资源交易服务 招标投标见证
政务服务 | service-center | 中心 | 政务中心 | 0 | 政务服务大厅运行管理 一窗受理
住房公积金管理 | housing-fund | 中心 | 公积金中心 | 0 | 住房公积金缴存登记 公积金贷款审批
社会保险事业管理 | social-insurance | 中心 | 社保中心 | 0 | 社会保险待遇核定 养老保险关系转移
疾病预防控制 | disease-control | 中心 | 疾控中心 | 0 | 传染病监测 预防接种服务
地方志编纂 | gazetteer | 中心 | 史志中心 | 0 | 地方志编纂 年鉴编纂
检验检测 | inspection-testing | 中心 | 检验中心 | 0 | 产品质量检验 计量检定服务
机关事务服务 | offices-service | 中心 | 机关服务中心 | 0 | 机关后勤服务 公务用车服务
投资促进 | investment-promotion | 中心 | 投促中心 | 0 | 招商项目服务 投资环境推介
不动产登记 | real-estate-registration | 中心 | 不动产中心 | 2015 | 不动产登记 不动产登记资料查询
城市管理综合行政执法 | urban-enforcement | 支队 | 城管支队 | 2016 | 市容违法行为行政处罚
    违法建设查处
市场监管综合行政执法 | market-enforcement | 支队 | 市场执法支队 | 2019 | 市场违法行为行政处罚
农业综合行政执法 | agri-enforcement | 支队 | 农业执法支队 | 2019 | 农业违法行为行政处罚
交通运输综合行政执法 | transport-enforcement | 支队 | 交通执法支队 | 2019 | 道路运输违法行为行政处罚
生态环境保护综合行政执法 | env-enforcement | 支队 | 环境执法支队 | 2019 | 环境违法行为行政处罚
文化市场综合行政执法 | culture-enforcement | 支队 | 文化执法支队 | 2019 | 文化市场违法行为行政处罚
融媒体 | media-center | 中心 | 融媒体中心 | 2018 | 新闻宣传服务 网络舆情服务
退役军人服务 | veterans-service | 中心 | 退役军人服务中心 | 2019 | 退役军人就业创业服务
大数据 | data-center | 中心 | 大数据中心 | 2017 | 政务云运维服务 数据共享交换服务
重点公共建设项目管理 | key-projects | 中心 | 重点项目中心 | 2020 | 重点项目代建管理 工程建设监督
营商环境建设 | business-environment | 中心 | 营商中心 | 2021 | 营商环境监测评价 企业诉求办理
""",
    "institution",
)

# Party bodies are named 江川市委 + core; 纪委 and 监委 carry the jurisdiction's name alone.
PARTY_DOMAINS = tuple(
    Domain(core, slug, "", short, tuple(objects.split()), int(since), kind, prefixed == "委")
    for core, slug, short, since, kind, prefixed, objects in _rows(
        """
办公室 | party-office | 委办 | 0 | party | 委 | 党委文件运转 督促检查
组织部 | organization | 组织部 | 0 | party | 委 | 干部管理 公务员管理 基层党组织建设指导
宣传部 | publicity | 宣传部 | 0 | party | 委 | 意识形态工作 新闻出版管理
统一战线工作部 | united-front | 统战部 | 0 | party | 委 | 统一战线工作 民族宗教工作统筹
政法委员会 | political-legal | 政法委 | 0 | party | 委 | 政法工作统筹协调 社会治安综合治理
机构编制委员会办公室 | establishment-office | 编办 | 0 | party | 委 | 机构编制管理
    事业单位登记管理
政策研究室 | policy-research | 政研室 | 0 | party | 委 | 政策调查研究
老干部局 | veteran-cadres | 老干部局 | 0 | party | 委 | 离退休干部服务
纪律检查委员会 | discipline | 纪委 | 0 | party | - | 党风廉政建设监督检查 违纪案件审查
网络安全和信息化委员会办公室 | cyberspace | 网信办 | 2014 | party | 委 | 网络信息内容管理
    网络安全统筹协调
监察委员会 | supervision-commission | 监委 | 2018 | government | - | 公职人员监察 职务违法调查
"""
    )
)

COORDINATION_DOMAINS = _domains(
    """
社会治安综合治理 | public-order | 委员会办公室 | 综治办 | 0 | 社会治安综合治理协调
安全生产 | safety-committee | 委员会办公室 | 安委办 | 0 | 安全生产工作统筹协调
食品安全 | food-safety-committee | 委员会办公室 | 食安办 | 2010 | 食品安全工作统筹协调
全面深化改革 | deepening-reform | 领导小组办公室 | 改革办 | 2014 | 改革任务统筹协调
推进政府职能转变和放管服改革 | streamlining | 协调小组办公室 | 放管服办 | 2016 | 放管服改革协调
优化营商环境 | business-climate | 工作领导小组办公室 | 营商办 | 2018 | 营商环境建设统筹协调
河长制 | river-chiefs | 工作领导小组办公室 | 河长办 | 2017 | 河湖管理保护统筹协调
乡村振兴 | rural-revitalization | 工作领导小组办公室 | 乡村振兴办 | 2018 | 乡村振兴统筹协调
""",
    "coordination",
)

TASK_FORCE_DOMAINS = _domains(
    """
重大项目推进 | major-projects-team | 工作专班 | 重大项目专班 | 2008 | 重大项目协调推进
招商引资 | investment-team | 工作专班 | 招商专班 | 2010 | 招商项目跟踪服务
征地拆迁 | land-clearance-team | 工作专班 | 征迁专班 | 2008 | 征地拆迁协调
城乡环境综合整治 | environment-cleanup-team | 工作专班 | 环境整治专班 | 2012 | 城乡环境整治督查
疫情防控 | epidemic-team | 工作专班 | 疫情防控专班 | 2020 | 疫情防控统筹调度
一网通办 | one-network-team | 工作专班 | 一网通办专班 | 2019 | 一网通办推进
亩均效益评价 | land-efficiency-team | 工作专班 | 亩均专班 | 2018 | 亩均效益综合评价
""",
    "task_force",
)

# Second names carried by a host (加挂牌子): (name after the jurisdiction, slug, host families).
PLAQUES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("知识产权局", "intellectual-property", ("market", "science")),
    ("公务员局", "civil-service", ("party-org", "labour")),
    ("事业单位登记管理局", "institution-registration", ("party-org",)),
    ("新闻出版局", "press", ("publicity",)),
    ("版权局", "copyright", ("publicity",)),
    ("文物局", "cultural-relics", ("culture",)),
    ("地震局", "earthquake", ("safety", "science")),
    ("防震减灾局", "seismic", ("safety", "science")),
    ("中医药管理局", "tcm", ("health",)),
    ("外事办公室", "foreign-affairs-office", ("office", "united-front")),
    ("侨务办公室", "overseas-chinese", ("united-front",)),
    ("台湾工作办公室", "taiwan-affairs", ("united-front", "office")),
    ("金融工作办公室", "finance-office", ("office", "finance")),
    ("扶贫开发办公室", "poverty-alleviation", ("agri",)),
    ("乡村振兴局", "rural-revitalization-bureau", ("agri",)),
    ("政务服务管理办公室", "services-office", ("services",)),
    ("数据资源管理局", "data-resources", ("services",)),
    ("口岸办公室", "port-office", ("economy",)),
    ("保密局", "secrecy", ("office",)),
    ("密码管理局", "cryptography", ("office",)),
    ("物价局", "price-bureau", ("economy",)),
    ("林业局", "forestry-plaque", ("land", "agri")),
    ("人民防空办公室", "civil-air-defense-plaque", ("land", "safety")),
)

# Lines of work that merge, co-locate and trade functions with each other; a domain may
# belong to several. Bodies outside every family are paired at random, rarely.
FAMILIES: dict[str, tuple[str, ...]] = {
    "economy": (
        "development-planning",
        "development-reform",
        "economy-trade",
        "foreign-trade",
        "commerce",
        "pricing",
        "grain",
        "investment-attraction",
        "investment-promotion",
        "sme-services",
        "business-environment",
        "business-climate",
        "statistics",
        "investment-team",
        "land-efficiency-team",
        "major-projects-team",
    ),
    "finance": (
        "finance",
        "audit",
        "state-assets",
        "local-finance",
        "government-offices",
        "offices-service",
        "statistics",
    ),
    "land": (
        "land-resources",
        "planning",
        "natural-resources",
        "forestry",
        "construction",
        "housing-administration",
        "housing-construction",
        "housing-fund",
        "real-estate-registration",
        "urban-law-enforcement",
        "urban-management",
        "urban-enforcement",
        "civil-air-defense",
        "key-projects",
        "land-clearance-team",
        "environment-cleanup-team",
    ),
    "agri": (
        "agriculture",
        "animal-husbandry",
        "forestry",
        "water-resources",
        "agriculture-rural",
        "agri-enforcement",
        "rural-revitalization",
        "grain",
    ),
    "culture": (
        "culture",
        "broadcasting",
        "tourism",
        "sports",
        "culture-tourism",
        "culture-enforcement",
        "media-center",
        "archives",
        "gazetteer",
    ),
    "publicity": ("publicity", "cyberspace", "media-center", "broadcasting", "culture"),
    "health": (
        "health-bureau",
        "family-planning",
        "health-family-planning",
        "health",
        "disease-control",
        "healthcare-security",
        "epidemic-team",
    ),
    "labour": (
        "personnel",
        "labour-social-security",
        "human-resources",
        "social-insurance",
        "healthcare-security",
        "veterans-affairs",
        "veterans-service",
        "civil-affairs",
    ),
    "market": (
        "industry-commerce",
        "quality-supervision",
        "food-drug",
        "market-regulation",
        "market-enforcement",
        "inspection-testing",
        "food-safety-committee",
        "pricing",
    ),
    "safety": (
        "work-safety",
        "emergency-management",
        "safety-committee",
        "public-security",
        "public-order",
    ),
    "environment": (
        "environmental-protection",
        "ecology-environment",
        "env-enforcement",
        "water-resources",
        "river-chiefs",
    ),
    "transport": ("transport", "transport-enforcement", "major-projects-team"),
    "services": (
        "administrative-approval",
        "service-center",
        "public-resources-trading",
        "big-data",
        "data-center",
        "services-data",
        "data-bureau",
        "streamlining",
        "one-network-team",
        "business-climate",
    ),
    "science": ("science-technology", "economy-trade", "big-data"),
    "office": (
        "government-office",
        "government-offices",
        "foreign-affairs",
        "petitions",
        "party-office",
        "policy-research",
        "deepening-reform",
    ),
    "party-org": ("organization", "establishment-office", "veteran-cadres", "personnel"),
    "discipline": ("discipline", "supervision-commission"),
    "united-front": ("united-front", "ethnic-religious", "foreign-affairs"),
    "legal": ("political-legal", "public-order", "justice", "petitions", "public-security"),
}
FAMILIES_OF: dict[str, frozenset[str]] = {}
for _family, _slugs in FAMILIES.items():
    for _slug in _slugs:
        FAMILIES_OF[_slug] = FAMILIES_OF.get(_slug, frozenset()) | {_family}


@dataclass(frozen=True, slots=True)
class Role:
    """A body every town or zone may have, named after the town: 新丰镇便民服务中心."""

    slug: str
    names: tuple[str, ...]  # the first name, then later names it may be renamed to
    kind: str
    objects: tuple[str, ...] = ()
    since: int = 0
    share: float = 1.0  # how many towns have one when the records begin


TOWN_ROLES: tuple[Role, ...] = (
    Role("party", ("党委",), "party"),
    Role("gov", ("人民政府",), "government", ("农村土地承包管理", "村镇规划建设管理")),
    Role(
        "service-center",
        ("便民服务中心", "党群服务中心", "为民服务中心", "综合便民服务中心"),
        "institution",
        ("社会救助申请受理",),
        share=0.8,
    ),
    Role(
        "agri-service",
        ("农业综合服务中心", "农业农村服务中心", "农业农村工作站"),
        "institution",
        ("农技推广服务",),
        share=0.6,
    ),
    Role(
        "culture-station",
        ("文化站", "综合文化站", "文化体育服务中心"),
        "institution",
        ("公共文化服务",),
        share=0.6,
    ),
    Role(
        "family-planning-station",
        ("计划生育服务站", "卫生计生服务站"),
        "institution",
        ("计划生育技术服务",),
        share=0.5,
    ),
    Role(
        "finance-office", ("财政所", "财政管理所"), "dispatched", ("乡镇财政资金监管",), share=0.7
    ),
    Role(
        "enforcement",
        ("综合行政执法队", "综合执法大队", "综合行政执法办公室"),
        "institution",
        ("乡镇综合行政执法",),
        since=2017,
        share=0.0,
    ),
    Role(
        "veterans-station",
        ("退役军人服务站",),
        "institution",
        ("退役军人服务",),
        since=2019,
        share=0.0,
    ),
    Role(
        "governance-center",
        ("社会治理综合服务中心", "网格化服务管理中心"),
        "institution",
        ("网格化社会治理",),
        since=2018,
        share=0.0,
    ),
    Role(
        "emergency-office",
        ("应急管理办公室", "应急管理站"),
        "institution",
        ("乡镇应急管理",),
        since=2019,
        share=0.0,
    ),
)
TOWN_GOVERNMENT_NAMES = {"town": "人民政府", "subdistrict": "街道办事处"}
PROTECTED_ROLES = frozenset({"party", "gov", "committee", "zone-party"})

ZONE_ROLES: tuple[Role, ...] = (
    Role("committee", ("管理委员会",), "dispatched", ("开发区建设管理统筹",)),
    Role("zone-party", ("党工委",), "party"),
    Role("economy", ("经济发展局", "经济发展和科技创新局"), "government", ("区内企业服务",)),
    Role(
        "planning-construction",
        ("规划建设局", "规划建设和生态环境局"),
        "government",
        ("区内建设项目规划管理",),
    ),
    Role("zone-services", ("政务服务中心", "企业服务中心"), "institution", ("区内审批服务",)),
)
ZONE_KINDS = ("经济技术开发区", "高新技术产业开发区", "工业园区", "综合保税区")

# Words a RENAME may add to a name: 自然资源 → 自然资源和规划.
# Words a RENAME may add to a name, by family: 自然资源 → 自然资源和规划.
RENAME_ADDITIONS: dict[str, tuple[str, ...]] = {
    "economy": ("信息化", "科技", "商务", "投资促进", "能源"),
    "finance": ("国资", "金融"),
    "land": ("规划", "城乡建设", "测绘", "人防"),
    "agri": ("水务", "乡村振兴", "林业"),
    "culture": ("旅游", "体育", "广电", "文物"),
    "publicity": ("网信",),
    "health": ("计划生育", "医疗保障"),
    "labour": ("人才", "就业"),
    "market": ("知识产权", "质量"),
    "safety": ("消防", "防灾减灾"),
    "environment": ("水务",),
    "transport": ("港航", "物流"),
    "services": ("大数据", "政务服务", "营商环境"),
    "science": ("知识产权", "信息化"),
}
INSTITUTION_SUFFIXES = ("中心", "服务中心", "事务中心", "发展中心")
COORDINATION_SUFFIXES = ("领导小组办公室", "委员会办公室", "工作领导小组办公室", "协调小组办公室")
TASK_FORCE_SUFFIXES = ("工作专班", "指挥部办公室", "工作领导小组办公室")
INTERNAL_UNITS = (
    "办公室",
    "综合科",
    "政策法规科",
    "行政审批科",
    "财务审计科",
    "人事科",
    "规划科",
    "信息中心",
    "督查室",
    "执法监督科",
    "安全监管科",
    "项目管理科",
)

# New functions an agency takes on (RESTRUCTURE creates): a variant of an existing item.
FUNCTION_VARIANTS = (
    "{}告知承诺制审批",
    "{}“一件事一次办”集成服务",
    "{}电子证照核发",
    "{}事中事后监管",
    "{}网上办理服务",
    "{}容缺受理",
    "{}跨区域通办",
    "{}信用分级分类监管",
)
BUNDLES: tuple[tuple[str, str], ...] = (
    ("{j}下放乡镇（街道）审批服务事项（{y}年第{n}批）", "approval_service"),
    ("{j}赋予乡镇（街道）行政执法事项（{y}年第{n}批）", "penalty"),
    ("{j}委托乡镇（街道）实施的行政许可事项（{y}年）", "licensing"),
    ("{j}下沉乡镇（街道）公共服务事项（{y}年）", "service"),
)
ZONE_BUNDLE = ("{j}赋予开发区的经济管理权限（{y}年第{n}批）", "other")
DISTRICT_BUNDLE = ("{j}下放区（县）的管理权限事项（{y}年第{n}批）", "approval_service")

_CATEGORY_ENDINGS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("处罚", "查处"), "penalty"),
    (("许可", "核发", "许可证"), "licensing"),
    (
        (
            "审批",
            "核准",
            "备案",
            "认定",
            "登记",
            "审查",
            "审核",
            "确认",
            "受理",
            "验收",
            "初审",
            "查询",
        ),
        "approval_service",
    ),
    (
        (
            "监督",
            "检查",
            "监管",
            "监察",
            "执法",
            "督查",
            "调查",
            "稽查",
            "监测",
            "监理",
            "评价",
            "检定",
            "审计",
            "复查",
        ),
        "supervision",
    ),
    (("规划", "编制", "编纂"), "planning"),
    (("协调", "统筹", "指导", "调度", "推进", "运转"), "coordination"),
    (
        ("服务", "援助", "接待", "安置", "褒扬", "推广", "办理", "建设", "兑现", "办", "救助"),
        "service",
    ),
)


def category_of(name: str) -> str:
    """The function category a name implies (建设工程规划许可 → licensing)."""
    for endings, category in _CATEGORY_ENDINGS:
        if name.endswith(endings):
            return category
    for endings, category in _CATEGORY_ENDINGS:
        if any(e in name for e in endings):
            return category
    return "other"


@dataclass(frozen=True, slots=True)
class Wave:
    """A round of institutional reform; events in it mostly cite the local reform plan."""

    year: int
    start: dt.date
    end: dt.date
    name: str  # {j} is the jurisdiction's name
    document: str  # {p} the issuing prefix, {y} the year, {n} a number
    intensity: float


WAVES: tuple[Wave, ...] = (
    Wave(
        2001,
        dt.date(2001, 6, 1),
        dt.date(2002, 12, 31),
        "{j}党政机构改革方案",
        "{p}发〔{y}〕{n}号",
        3.0,
    ),
    Wave(
        2009,
        dt.date(2009, 9, 1),
        dt.date(2010, 12, 31),
        "{j}人民政府机构改革方案",
        "{p}发〔{y}〕{n}号",
        3.0,
    ),
    Wave(
        2014,
        dt.date(2014, 3, 1),
        dt.date(2015, 12, 31),
        "{j}行政审批制度改革实施方案",
        "{p}办发〔{y}〕{n}号",
        2.0,
    ),
    Wave(
        2018,
        dt.date(2018, 11, 1),
        dt.date(2019, 12, 31),
        "{j}机构改革方案",
        "{p}委发〔{y}〕{n}号",
        4.5,
    ),
    Wave(
        2023,
        dt.date(2023, 10, 1),
        dt.date(2024, 12, 31),
        "{j}机构改革实施方案",
        "{p}委发〔{y}〕{n}号",
        2.5,
    ),
)

ESTABLISH_NOTES = {
    "government": ("根据三定规定组建", "列入政府工作部门", "正式挂牌运行"),
    "institution": ("为政府直属事业单位", "正式挂牌运行", "为公益一类事业单位"),
    "coordination": ("办公室设在牵头部门", "作为议事协调机构设立"),
    "task_force": ("抽调相关部门人员组成", "实行集中办公"),
}
CO_LOCATE_NOTES = ("合署办公", "合署办公，实行一套工作机构", "两块牌子、一套班子")
ABOLISH_NOTES = ("不再保留", "撤销，职责划入相关部门", "完成阶段性任务后撤销")
