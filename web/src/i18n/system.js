// Dictionary of the system settings page (系统设置). Rows are [zh, en]; keys are read as
// system.<key> (src/i18n.js).
export default {
  nav: ['系统设置', 'System settings'],
  publicUrl: ['对外网址', 'Public URL'],
  publicUrlHelp: ['群众用手机扫联系卡、回执上的二维码，或点短信里的链接，打开的都是这个网址下的页面。请填写群众在互联网上能访问的地址，只写协议、域名和端口，例如 https://minqing.example.gov.cn。已经印发的联系卡不受影响：卡上的确认码不变，换网址后重新打印即可。', 'Every QR code on contact cards and receipts, and every link in text messages, opens a page under this address. Give the address residents reach from the internet: scheme, host and port only, e.g. https://minqing.example.gov.cn. Cards already printed keep their codes; reprint them after a change.'],
  inUse: ['当前使用', 'In use'],
  source: ['来源', 'Source'],
  sourceFlag: ['启动参数 --public-url（此处不能修改，请修改启动参数后重启服务）', 'serve --public-url (change the flag and restart)'],
  sourceSetting: ['系统设置', 'this setting'],
  sourceUnset: ['未设置（暂用本机地址）', 'unset (this machine\'s address)'],
  loopback: ['当前网址指向本机，群众手机扫码打不开，请设置对外网址。', 'The address names this machine: residents\' phones cannot open it. Set the public URL.'],
  newUrl: ['新的对外网址', 'New public URL'],
  save: ['保存', 'Save'],
  saved: ['对外网址已保存，新打印的二维码和发出的链接将使用新网址', 'Saved: new QR codes and links use it'],
  example: ['例如 https://minqing.example.gov.cn', 'e.g. https://minqing.example.gov.cn'],
}
