-- The default category catalogue: one root per handling centre of the seed (经济发展, 社会事务,
-- 综治信访) and the common matters under it. keywords suggest a category from the text;
-- response_hours are working hours to accept, completion_days working days to reply.
-- default_unit_id stays NULL: units are created by the demo or an administrator and mapped by
-- routing rules. Seeded ids are small; application ids are time-ordered and never this small.
INSERT INTO matter_categories
  (id, parent_id, name, keywords, default_unit_id, response_hours, completion_days, active)
VALUES
  (1, NULL, '经济发展', '经济 发展 企业 产业', NULL, 4, 5, 1),
  (2, NULL, '社会事务', '社会 事务 民生 救助', NULL, 4, 5, 1),
  (3, NULL, '综治信访', '综治 信访 矛盾 纠纷', NULL, 4, 5, 1),
  (101, 1, '农业生产', '农业 种植 农资 化肥 种子 农机 病虫害 灌溉 养殖 补贴', NULL, 4, 5, 1),
  (102, 1, '土地承包', '土地 承包 流转 确权 宅基地 耕地 占地 征地', NULL, 4, 10, 1),
  (103, 1, '就业创业', '就业 招聘 创业 培训 工资 欠薪 务工 贷款', NULL, 4, 5, 1),
  (104, 1, '招商与企业服务', '招商 企业 营业执照 办证 审批 投资 厂房', NULL, 4, 5, 1),
  (105, 1, '农村电商与合作社', '电商 合作社 销售 滞销 物流 快递', NULL, 4, 5, 1),
  (201, 2, '低保救助', '低保 救助 特困 临时救助 五保 困难', NULL, 4, 5, 1),
  (202, 2, '医疗保险', '医保 医疗 报销 新农合 住院 看病 大病', NULL, 4, 5, 1),
  (203, 2, '养老保险', '养老 养老金 社保 退休 高龄 补贴', NULL, 4, 5, 1),
  (204, 2, '残疾人服务', '残疾 残疾证 轮椅 康复 残联', NULL, 4, 5, 1),
  (205, 2, '教育', '学校 上学 入学 学费 助学 幼儿园 校车', NULL, 4, 5, 1),
  (206, 2, '户籍证照', '户口 户籍 身份证 迁移 出生 证明 落户', NULL, 4, 3, 1),
  (207, 2, '住房', '住房 危房 改造 房屋 漏雨 廉租 保障房', NULL, 4, 10, 1),
  (208, 2, '退役军人服务', '退役 军人 优抚 抚恤 烈属', NULL, 4, 5, 1),
  (209, 2, '计生与妇幼', '计生 生育 妇女 儿童 留守 独生子女', NULL, 4, 5, 1),
  (301, 3, '邻里纠纷', '邻里 纠纷 矛盾 吵架 宅基地 边界 调解', NULL, 2, 5, 1),
  (302, 3, '治安', '治安 盗窃 偷 打架 诈骗 赌博 安全', NULL, 1, 3, 1),
  (303, 3, '环境卫生', '垃圾 卫生 污水 臭 噪音 污染 秸秆 焚烧 环境', NULL, 4, 5, 1),
  (304, 3, '道路路灯', '道路 路灯 灯 修路 坑 桥 路面 硬化', NULL, 4, 10, 1),
  (305, 3, '供水供电', '停水 停电 供水 供电 自来水 水管 电线 电表', NULL, 2, 3, 1),
  (306, 3, '停车', '停车 车位 占道 乱停 车辆', NULL, 4, 5, 1),
  (307, 3, '投诉干部作风', '干部 作风 态度 吃拿卡要 不作为 推诿 腐败', NULL, 4, 10, 1),
  (308, 3, '物业管理', '物业 小区 电梯 物业费 保安', NULL, 4, 5, 1);
