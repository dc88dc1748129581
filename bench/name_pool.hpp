// The surnames, given-name characters and relations to the head that the bench generators
// (roster_gen, scale_gen) draw residents' names from. Constant data; safe from any thread.
#pragma once

#include <string>
#include <vector>

namespace minqing::bench {

inline const std::vector<std::string> kSurnames = {
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡",
    "朱", "高", "林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐",
    "冯", "于", "董", "萧", "程", "曹", "袁", "邓", "许", "傅", "沈", "曾", "彭",
    "吕", "苏", "卢", "蒋", "蔡", "贾", "丁", "魏", "薛", "叶", "阎", "单", "欧阳"};
inline const std::vector<std::string> kGiven = {
    "伟", "芳", "娜", "秀", "英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰",
    "娟", "涛", "明", "超", "霞", "平", "刚", "桂", "兰", "华", "建", "国", "玉", "文", "红",
    "云", "景", "志", "海", "春", "梅", "金", "凤", "成", "林", "荣", "德", "福", "宝", "生",
    "珍", "贵", "喜", "永", "庆", "淑", "彩", "素", "亮", "新", "利", "光", "瑞", "俊", "鹏"};
inline const std::vector<std::string> kRelations = {"配偶", "子", "女", "父亲", "母亲"};

}  // namespace minqing::bench
