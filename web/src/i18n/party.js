// Dictionary of the party roster (党员花名册) import and export on the party screen.
export default {
  rosterImport: ['导入党员花名册', 'Import party roster'],
  rosterExport: ['导出党员花名册', 'Export party roster'],
  rosterExported: ['已导出', 'Exported'],
  importTitle: ['导入党员花名册', 'Import a party roster'],
  importHint: [
    '每行一名党员，列为：党组织路径（如 饶阳镇党委/小石楼村党支部/一组党小组）、姓名、身份证号、入党日期、党员状态（正式/预备）、是否流动、流动去向、是否可联系农户、联系户数上限、联系电话、是否党小组长。党员须已在户籍登记中（先导入户籍花名册）；路径中不存在的党委、党支部、党小组会自动建立；再次导入同一身份证号会更新该党员。先检查，再导入。',
    'One member per row: party path (e.g. 饶阳镇党委/小石楼村党支部/一组党小组), name, ID card, joined date, status (正式/预备), away, away to, can take households, capacity, phone, group leader. Members must be registry residents (import the residents\' roster first); missing orgs on the path are created; re-importing an ID card updates the member. Check first, then import.',
  ],
  choose: ['选择文件', 'Choose file'],
  noFile: ['未选择文件（.xlsx 或 .csv）', 'No file chosen (.xlsx or .csv)'],
  importAll: ['全部导入', 'Import all'],
  importValid: ['只导入无误的行', 'Import the valid rows'],
  reason: ['原因', 'Reason'],
  rows: ['共 {rows} 行，有错误 {invalid} 行', '{rows} rows, {invalid} with problems'],
  would: [
    '可新建党组织 {orgs} 个、新党员 {created} 名、更新党员 {updated} 名、设党小组长 {leaders} 名',
    'would create {orgs} orgs and {created} members, update {updated} members, set {leaders} group leaders',
  ],
  done: [
    '已新建党组织 {orgs} 个、新党员 {created} 名、更新党员 {updated} 名、设党小组长 {leaders} 名',
    'created {orgs} orgs and {created} members, updated {updated} members, set {leaders} group leaders',
  ],
  nothing: ['没有需要写入的变化', 'Nothing to change'],
  moreProblems: ['共 {n} 个问题，只显示前 1000 个', '{n} problems, the first 1000 shown'],
  tooBig: ['文件超过 6 MB，请用命令 minqing party import 导入', 'File over 6 MB: use minqing party import'],
  unreadable: ['无法读取该文件', 'The file cannot be read'],
  imported: ['党员花名册已导入', 'Party roster imported'],
  awayTo: ['流动去向', 'Away to'],
}
