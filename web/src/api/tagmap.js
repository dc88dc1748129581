// Statistics by household tag (按标签统计) and the map (地图). One named function per endpoint;
// views write no URLs.
import { api, download } from '../api'

// 按标签统计（region_id 下钻一级、from、to）
export const tagStats = (query) => api.get('/tag-stats', query)
// 导出按标签统计（format：xlsx 或 csv）
export const exportTagStats = (query) => download('/tag-stats/export', query)
// 地图数据：农户与诉求坐标、热点、区域标注、未定位户（region_id、tag、category_id、status、from、to、cell_km）
export const mapData = (query) => api.get('/map', query)
// 地图上一点附近的农户与诉求（lng、lat、radius 及同样的筛选）
export const mapAt = (query) => api.get('/map/at', query)
