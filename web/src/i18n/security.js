// Dictionary of the login throttle and the development banner. Rows are [zh, en]; keys are read
// as security.<key> (src/i18n.js). "{n}" is replaced by the caller.
export default {
  loginWrong: ['用户名或密码错误', 'Wrong username or password'],
  loginAttemptsLeft: ['还可尝试 {n} 次，之后需等待一段时间才能再试', '{n} attempt(s) left before you must wait'],
  loginWait: ['尝试次数过多，请在 {n} 秒后再试', 'Too many attempts: try again in {n} s'],
  loginWaitHint: ['等待期间，本机不能再用这个账号登录；其他电脑和其他账号不受影响。', 'Meanwhile this account cannot log in from this computer; other computers and other accounts are not affected.'],
  devBanner: ['开发模式：短信不会真正发出，验证码只写入开发发件箱，供演示和测试查看。请勿录入真实数据。', 'Development mode: text messages are not sent; codes go to the development outbox for demos and tests. Do not enter real data.'],
}
